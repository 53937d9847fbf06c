using System.Text;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>ground-truth.csv as dictionaries keyed by column name (RFC 4180 quoting).</summary>
public static class GroundTruth
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> AllRows = new(Load);

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows => AllRows.Value;

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Load()
    {
        var records = ReadCsv(File.ReadAllText(SharedCorpus.PathOf("ground-truth.csv")));
        var header = records[0];
        return records.Skip(1).Where(r => r.Count > 1)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: i < r.Count ? r[i] : ""))
                .ToDictionary(p => p.h, p => p.v))
            .ToList();
    }

    private static List<List<string>> ReadCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
