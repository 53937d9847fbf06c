using System.CommandLine;
using NetWatch.Api.Auth;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Cli.Commands;

/// <summary><c>netwatch users add NAME --role ROLE [--school ID] (--store DIR | --config FILE) [--password-stdin]</c>.</summary>
internal static class UsersAddCommand
{
    public static Command Create()
    {
        var name = UsersCommand.NameArgument();
        var role = UsersCommand.RoleOption(required: true);
        var school = new Option<string?>("--school") { Description = "The one school (organization.id) the account sees; without it, the whole trust" };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of the terminal" };
        var stores = new UsersCommand.StoreOptions();
        var command = new Command("add", "Add an account; its password is typed at the terminal (or --password-stdin)") { name, role, school, stdin };
        stores.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var account = new Account
            {
                Name = UsersCommand.ValidName(parse, name),
                Role = UsersCommand.ParseRole(parse.GetValue(role)!),
                School = parse.GetValue(school),
                PasswordHash = "",
                CreatedAt = SystemClock.Instance.GetCurrentInstant(),
            };
            using var store = stores.Open(parse, create: true);
            if (await store.Accounts.GetAsync(account.Name, cancel) is not null) throw new UsageException($"account '{account.Name}' exists already");
            account = account with { PasswordHash = PasswordHashing.Hash(UsersPassword.Read(parse.GetValue(stdin))) };
            if (!await store.Accounts.AddAsync(account, cancel)) throw new UsageException($"account '{account.Name}' exists already");
            await UsersCommand.RecordAsync(store, "users.add", account, cancel);
            Console.Out.WriteLine($"added {account.Name}: {AccountRoles.Name(account.Role)}, {account.School ?? "whole trust"}");
            return CliRunner.Success;
        });
        return command;
    }
}
