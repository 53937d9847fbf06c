using System.CommandLine;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch users disable NAME [--enable]</c> (a disabled account's cookies and tokens stop working at once) and
/// <c>netwatch users set-role NAME --role ROLE [--school ID | --trust]</c>.
/// </summary>
internal static class UsersChangeCommands
{
    public static Command Disable()
    {
        var name = UsersCommand.NameArgument();
        var enable = new Option<bool>("--enable") { Description = "Enable the account again (and clear a lockout)" };
        var stores = new UsersCommand.StoreOptions();
        var command = new Command("disable", "Disable an account: it can no longer sign in, its sessions and tokens stop working") { name, enable };
        stores.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            using var store = stores.Open(parse);
            var account = await ExistingAsync(store, UsersCommand.ValidName(parse, name), cancel);
            var on = parse.GetValue(enable);
            account = account with { Disabled = !on, FailedSignIns = on ? 0 : account.FailedSignIns, LockedUntil = on ? null : account.LockedUntil };
            await store.Accounts.UpdateAsync(account, cancel);
            await UsersCommand.RecordAsync(store, on ? "users.enable" : "users.disable", account, cancel);
            Console.Out.WriteLine($"{account.Name}: {(on ? "enabled" : "disabled")}");
            return CliRunner.Success;
        });
        return command;
    }

    public static Command SetRole()
    {
        var name = UsersCommand.NameArgument();
        var role = UsersCommand.RoleOption(required: true);
        var school = new Option<string?>("--school") { Description = "Scope the account to this school" };
        var trust = new Option<bool>("--trust") { Description = "Scope the account to the whole trust" };
        var stores = new UsersCommand.StoreOptions();
        var command = new Command("set-role", "Change an account's role (and school scope with --school or --trust; kept otherwise)") { name, role, school, trust };
        stores.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(school) is not null && parse.GetValue(trust)) throw new UsageException("--school and --trust exclude each other");
            using var store = stores.Open(parse);
            var account = await ExistingAsync(store, UsersCommand.ValidName(parse, name), cancel);
            var scope = parse.GetValue(trust) ? null : parse.GetValue(school) ?? account.School;
            account = account with { Role = UsersCommand.ParseRole(parse.GetValue(role)!), School = scope };
            await store.Accounts.UpdateAsync(account, cancel);
            await UsersCommand.RecordAsync(store, "users.set-role", account, cancel);
            Console.Out.WriteLine($"{account.Name}: {AccountRoles.Name(account.Role)}, {account.School ?? "whole trust"}");
            return CliRunner.Success;
        });
        return command;
    }

    public static async Task<Account> ExistingAsync(DuckDbStore store, string name, CancellationToken cancel) =>
        await store.Accounts.GetAsync(name, cancel) ?? throw new UsageException($"no account '{name}'");
}
