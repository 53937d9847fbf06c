using System.CommandLine;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary><c>netwatch users list (--store DIR | --config FILE)</c>: name, role, school, state, live tokens, and how the account
/// signs in (<c>password</c>, or <c>oidc ISSUER</c> for an account of the school's OpenID Connect provider).</summary>
internal static class UsersListCommand
{
    public static Command Create()
    {
        var stores = new UsersCommand.StoreOptions();
        var command = new Command("list", "List the accounts: name, role, school, state, tokens, sign-in (password or oidc ISSUER)");
        stores.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var store = stores.Open(parse);
            var now = SystemClock.Instance.GetCurrentInstant();
            Console.Out.WriteLine("name\trole\tschool\tstate\ttokens\tsign-in");
            foreach (var a in await store.Accounts.ListAsync(cancel))
            {
                var tokens = (await store.Accounts.TokensAsync(a.Name, cancel)).Count(t => t.RevokedAt is null);
                var state = a.Disabled ? "disabled" : a.LockedUntil > now ? $"locked until {a.LockedUntil:uuuu-MM-dd'T'HH:mm:ss'Z'}" : "active";
                Console.Out.WriteLine($"{a.Name}\t{AccountRoles.Name(a.Role)}\t{a.School ?? "(trust)"}\t{state}\t{tokens}\t{(a.IsExternal ? "oidc " + a.ExternalIssuer : "password")}");
            }
            return CliRunner.Success;
        });
        return command;
    }
}
