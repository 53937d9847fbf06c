using System.Text;

namespace NetWatch.Core.Identity;

/// <summary>Splits one CSV line (RFC 4180 quoting, "" inside quotes) into fields. Multi-line fields are not supported.</summary>
public static class CsvLine
{
    public static bool TrySplit(string line, out List<string> fields, out string? problem)
    {
        fields = [];
        problem = null;
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) { problem = "unterminated quoted field"; return false; }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') { problem = $"unexpected character after closing quote at column {i + 1}"; return false; }
            }
            else
            {
                while (i < line.Length && line[i] != ',') field.Append(line[i++]);
            }
            fields.Add(field.ToString().Trim());
            if (i >= line.Length) return true;
            i++; // the comma
        }
    }
}
