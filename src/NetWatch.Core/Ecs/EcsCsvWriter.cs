using NetWatch.Core.Events;

namespace NetWatch.Core.Ecs;

/// <summary>
/// Writes events as RFC 4180 CSV, one column per field of <see cref="EcsFieldCatalog"/> (@timestamp first), headed by the
/// ECS names. Lists are joined with '|'; vendor groups and findings are their JSON object; an absent field is empty.
/// </summary>
public static class EcsCsvWriter
{
    private static readonly EcsField[] Columns = [.. EcsFieldCatalog.Exported];

    public static void WriteHeader(TextWriter w) => w.WriteLine(string.Join(',', Columns.Select(c => c.Name)));

    public static void Write(TextWriter w, NetEvent e)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (i > 0) w.Write(',');
            var column = Columns[i];
            if (column.IsExported(e)) WriteField(w, column.Text(e)!);
        }
        w.WriteLine();
    }

    private static void WriteField(TextWriter w, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            w.Write(value);
            return;
        }
        w.Write('"');
        w.Write(value.Replace("\"", "\"\""));
        w.Write('"');
    }
}
