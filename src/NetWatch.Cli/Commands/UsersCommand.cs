using System.CommandLine;
using NetWatch.Service.Config;
using NetWatch.Storage;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch users add|list|disable|set-role|token</c>: the API's accounts, kept in the store. Each verb names the
/// store by <c>--store DIR</c> or by the service's <c>--config FILE</c>.
/// </summary>
internal static class UsersCommand
{
    public static Command Create() => new("users", "Accounts of the service's API: who may sign in, with which role and school")
    {
        UsersAddCommand.Create(),
        UsersListCommand.Create(),
        UsersChangeCommands.Disable(),
        UsersChangeCommands.SetRole(),
        UsersTokenCommand.Create(),
    };

    /// <summary>The --store and --config options every users verb takes (one of them).</summary>
    public sealed class StoreOptions
    {
        public Option<string?> Store { get; } = new("--store") { Description = "Directory of the store" };
        public Option<string?> Config { get; } = new("--config") { Description = "The service's configuration file (its 'store' is used)" };

        public void AddTo(Command command)
        {
            command.Options.Add(Store);
            command.Options.Add(Config);
        }

        /// <summary>Opens the store named by --store or --config; it must exist unless <paramref name="create"/>.</summary>
        public DuckDbStore Open(ParseResult parse, bool create = false)
        {
            var (store, config) = (parse.GetValue(Store), parse.GetValue(Config));
            if ((store is null) == (config is null)) throw new UsageException("name the store with --store DIR or --config FILE (one of them)");
            if (config is not null)
            {
                if (!File.Exists(config)) throw new UsageException($"--config '{config}' does not exist");
                try { store = ServiceConfigReader.Load(config).Store; }
                catch (ConfigException ex) { throw new UsageException("bad configuration: " + ex.Message); }
            }
            if (!create && !DuckDbStore.Exists(store!)) throw new UsageException($"'{store}' holds no NetWatch store");
            return DuckDbStore.Open(store!);
        }
    }

    /// <summary>
    /// Records an account change in the store's audit log, by the operating-system user who made it ("os:NAME"):
    /// who may see personal data is itself something the auditor must be able to follow.
    /// </summary>
    public static Task RecordAsync(DuckDbStore store, string action, Storage.Contracts.Accounts.Account account, CancellationToken cancel) =>
        store.Audit.AppendAsync(new Storage.Contracts.Audit.AuditRecord
        {
            At = NodaTime.SystemClock.Instance.GetCurrentInstant(),
            Actor = "os:" + Environment.UserName,
            Action = action,
            Query = System.Text.Json.JsonSerializer.Serialize(new SortedDictionary<string, string?>(StringComparer.Ordinal)
            {
                ["account"] = account.Name,
                ["role"] = Storage.Contracts.Accounts.AccountRoles.Name(account.Role),
                ["school"] = account.School,
                ["disabled"] = account.Disabled ? "true" : "false",
            }),
            School = account.School,
            Rows = 1,
        }, cancel);

    /// <summary>A valid account name argument.</summary>
    public static Argument<string> NameArgument() => new("NAME") { Description = "Account name (letters, digits, '.', '_', '-', '@')" };

    public static string ValidName(ParseResult parse, Argument<string> name)
    {
        var value = parse.GetValue(name)!;
        if (!Storage.Contracts.Accounts.Account.IsValidName(value))
            throw new UsageException($"'{value}' is not an account name: 1 to 64 letters, digits, '.', '_', '-' or '@'");
        return value.ToLowerInvariant();
    }

    public static Option<string> RoleOption(bool required) => new("--role")
    {
        Description = "dsl, deputy-dsl, slt, auditor or ict-admin",
        Required = required,
    };

    public static Storage.Contracts.Accounts.AccountRole ParseRole(string text) =>
        Storage.Contracts.Accounts.AccountRoles.TryParse(text, out var role)
            ? role
            : throw new UsageException($"--role '{text}' is not a role: {Storage.Contracts.Accounts.AccountRoles.List}");
}
