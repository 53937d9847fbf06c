using System.Text;
using NetWatch.Api.Auth;

namespace NetWatch.Cli.Commands;

/// <summary>
/// A new account's password: typed at the terminal without echo (twice), or one line of standard input with
/// --password-stdin (scripts). There is never a default password.
/// </summary>
internal static class UsersPassword
{
    public static string Read(bool fromStdin)
    {
        string password;
        if (fromStdin)
        {
            password = Console.In.ReadLine() ?? throw new UsageException("--password-stdin: standard input is empty");
        }
        else
        {
            if (Console.IsInputRedirected) throw new UsageException("no terminal to type a password at: use --password-stdin");
            password = Prompt("Password: ");
            if (Prompt("Again: ") != password) throw new UsageException("the two passwords differ");
        }
        if (PasswordHashing.Weakness(password) is { } weakness) throw new UsageException(weakness);
        return password;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
