using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>What the never-throw properties share: the known failure reasons, and real lines damaged at random
/// (characters removed, inserted or replaced, the line cut), which reach far deeper into parsers than random text.</summary>
internal static class LineDamage
{
    public static readonly string[] KnownReasons = typeof(ParseReasons).GetFields()
        .Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>One of <paramref name="lines"/>, damaged by a few edits that insert or put characters from <paramref name="alphabet"/>.</summary>
    public static Gen<string> Of(string[] lines, string alphabet)
    {
        var edits = Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 3), Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements(alphabet.ToCharArray()))));
        return Gen.Zip(Gen.Choose(0, lines.Length - 1), edits).Select(t => Damage(lines[t.Item1], t.Item2));
    }

    private static string Damage(string line, (int kind, (int at, char c))[] edits)
    {
        var sb = new StringBuilder(line);
        foreach (var (kind, (at, c)) in edits)
        {
            var i = sb.Length == 0 ? 0 : at % sb.Length;
            switch (kind)
            {
                case 0 when sb.Length > 0: sb.Remove(i, 1); break;
                case 1: sb.Insert(i, c); break;
                case 2 when sb.Length > 0: sb[i] = c; break;
                case 3: sb.Length = i; break;
            }
        }
        return sb.ToString();
    }
}
