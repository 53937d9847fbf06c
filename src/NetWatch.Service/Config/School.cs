using System.Text;
using NetWatch.Core.Events;

namespace NetWatch.Service.Config;

/// <summary>The school events belong to (organization.*), as <c>import --school NAME</c> or a bare <c>school: NAME</c> gives it.</summary>
public static class School
{
    /// <summary>organization.name = <paramref name="name"/>, organization.id = its slug (<see cref="Slug"/>).</summary>
    public static Organization FromName(string name) => new() { Id = Slug(name), Name = name };

    /// <summary>Lower-case letters and digits, every other run of characters one '-': "St Mary's C of E" → "st-mary-s-c-of-e".</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().TrimEnd('-');
    }
}
