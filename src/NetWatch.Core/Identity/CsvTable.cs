namespace NetWatch.Core.Identity;

/// <summary>
/// A CSV file with a header row, read line by line: maps header names (and their synonyms) to column
/// positions and reports problems with the file name and line number.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    public List<ReferenceError> Errors { get; } = [];
    public List<(long Line, List<string> Fields)> Rows { get; } = [];

    /// <param name="columns">canonical name → accepted header spellings; names starting with '?' are optional.</param>
    public static CsvTable Read(string source, IEnumerable<string> lines, IReadOnlyDictionary<string, string[]> columns)
    {
        var table = new CsvTable();
        long number = 0;
        var headerSeen = false;
        foreach (var raw in lines)
        {
            number++;
            var line = number == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            if (!CsvLine.TrySplit(line, out var fields, out var problem))
            {
                table.Errors.Add(new(source, number, problem!));
                if (!headerSeen) return table;
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                if (!table.ReadHeader(source, number, fields, columns)) return table;
                continue;
            }
            if (fields.Count > table.HeaderWidth)
            {
                table.Errors.Add(new(source, number, $"{fields.Count} fields but the header has {table.HeaderWidth}"));
                continue;
            }
            table.Rows.Add((number, fields));
        }
        if (!headerSeen) table.Errors.Add(new(source, 0, "the file is empty: expected a header row"));
        return table;
    }

    public int HeaderWidth { get; private set; }

    public bool Has(string column) => _columns.ContainsKey(column);

    public string? Get(List<string> fields, string column) =>
        _columns.TryGetValue(column, out var i) && i < fields.Count && fields[i].Length > 0 ? fields[i] : null;

    private bool ReadHeader(string source, long line, List<string> header, IReadOnlyDictionary<string, string[]> columns)
    {
        HeaderWidth = header.Count;
        foreach (var (name, spellings) in columns)
        {
            var canonical = name.TrimStart('?');
            var index = header.FindIndex(h => spellings.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));
            if (index >= 0) _columns[canonical] = index;
            else if (!name.StartsWith('?'))
                Errors.Add(new(source, line, $"missing column '{canonical}' in the header (accepted: {string.Join(", ", spellings)})"));
        }
        return Errors.Count == 0;
    }
}
