using System.CommandLine;
using NetWatch.Api.Auth;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch users token NAME</c> makes a bearer token and prints it once (only its hash is kept);
/// <c>--list</c> shows the account's tokens by id, <c>--revoke ID</c> or <c>--revoke-all</c> revokes.
/// </summary>
internal static class UsersTokenCommand
{
    public static Command Create()
    {
        var name = UsersCommand.NameArgument();
        var list = new Option<bool>("--list") { Description = "List the account's tokens (id, made, revoked)" };
        var revoke = new Option<string?>("--revoke") { Description = "Revoke the token with this id" };
        var revokeAll = new Option<bool>("--revoke-all") { Description = "Revoke every token of the account" };
        var stores = new UsersCommand.StoreOptions();
        var command = new Command("token", "Make an API token for an account (printed once), or list or revoke its tokens") { name, list, revoke, revokeAll };
        stores.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var store = stores.Open(parse);
            var account = await UsersChangeCommands.ExistingAsync(store, UsersCommand.ValidName(parse, name), cancel);
            var now = SystemClock.Instance.GetCurrentInstant();
            if (parse.GetValue(list))
            {
                foreach (var t in await store.Accounts.TokensAsync(account.Name, cancel))
                    Console.Out.WriteLine($"{t.Id}\tmade {t.CreatedAt:uuuu-MM-dd'T'HH:mm:ss'Z'}\t{(t.RevokedAt is { } r ? $"revoked {r:uuuu-MM-dd'T'HH:mm:ss'Z'}" : "live")}");
                return CliRunner.Success;
            }
            if (parse.GetValue(revoke) is { } id || parse.GetValue(revokeAll))
            {
                var revoked = await store.Accounts.RevokeTokensAsync(account.Name, parse.GetValue(revoke), now, cancel);
                if (revoked > 0) await UsersCommand.RecordAsync(store, "users.token-revoke", account, cancel);
                if (revoked == 0 && parse.GetValue(revoke) is { } missing) throw new UsageException($"{account.Name} has no live token '{missing}'");
                Console.Out.WriteLine($"{account.Name}: {revoked} token{(revoked == 1 ? "" : "s")} revoked");
                return CliRunner.Success;
            }
            if (account.Disabled) throw new UsageException($"account '{account.Name}' is disabled");
            var (text, stored) = TokenMaker.Create(account.Name, now);
            await store.Accounts.AddTokenAsync(stored, cancel);
            await UsersCommand.RecordAsync(store, "users.token", account, cancel);
            Console.Error.WriteLine($"token {stored.Id} for {account.Name} (shown once: keep it where only its user can read it):");
            Console.Out.WriteLine(text);
            return CliRunner.Success;
        });
        return command;
    }
}
