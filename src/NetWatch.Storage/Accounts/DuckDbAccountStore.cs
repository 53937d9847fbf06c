using System.Data.Common;
using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Storage.Accounts;

/// <summary>
/// <see cref="IAccountStore"/> in the store's DuckDB file (tables of <see cref="AccountSchema"/>). Each call opens
/// its own connection from <paramref name="connect"/> (the open store's database is shared within the process).
/// </summary>
public sealed class DuckDbAccountStore(Func<DuckDBConnection> connect) : IAccountStore
{
    private const string Columns = "name, role, school, password_hash, disabled, failed_sign_ins, locked_until, created_at, external_id";

    public Task<bool> AddAsync(Account account, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, $"INSERT INTO accounts ({Columns}) VALUES ($name, $role, $school, $hash, $disabled, $failed, $locked, $created, $external) ON CONFLICT DO NOTHING");
        AddAccountParameters(command, account);
        command.Parameters.Add(new DuckDBParameter("created", account.CreatedAt.ToDateTimeUtc()));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<Account?> GetAsync(string name, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, $"SELECT {Columns} FROM accounts WHERE name = $name");
        command.Parameters.Add(new DuckDBParameter("name", name.ToLowerInvariant()));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadAccount(reader) : null);
    }

    public Task<Account?> FindExternalAsync(string externalId, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, $"SELECT {Columns} FROM accounts WHERE external_id = $external");
        command.Parameters.Add(new DuckDBParameter("external", externalId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadAccount(reader) : null);
    }

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, $"SELECT {Columns} FROM accounts ORDER BY name");
        using var reader = command.ExecuteReader();
        var accounts = new List<Account>();
        while (reader.Read()) accounts.Add(ReadAccount(reader));
        return Task.FromResult<IReadOnlyList<Account>>(accounts);
    }

    public Task<bool> UpdateAsync(Account account, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, """
            UPDATE accounts SET role = $role, school = $school, password_hash = $hash, disabled = $disabled,
                failed_sign_ins = $failed, locked_until = $locked, external_id = $external
            WHERE name = $name
            """);
        AddAccountParameters(command, account);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task AddTokenAsync(ApiToken token, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, "INSERT INTO api_tokens VALUES ($hash, $id, $account, $created, $revoked)");
        command.Parameters.Add(new DuckDBParameter("hash", token.Hash));
        command.Parameters.Add(new DuckDBParameter("id", token.Id));
        command.Parameters.Add(new DuckDBParameter("account", token.Account.ToLowerInvariant()));
        command.Parameters.Add(new DuckDBParameter("created", token.CreatedAt.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("revoked", token.RevokedAt?.ToDateTimeUtc()));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<ApiToken?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, "SELECT id, account, hash, created_at, revoked_at FROM api_tokens WHERE hash = $hash");
        command.Parameters.Add(new DuckDBParameter("hash", hash));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadToken(reader) : null);
    }

    public Task<IReadOnlyList<ApiToken>> TokensAsync(string account, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection, "SELECT id, account, hash, created_at, revoked_at FROM api_tokens WHERE account = $account ORDER BY created_at, id");
        command.Parameters.Add(new DuckDBParameter("account", account.ToLowerInvariant()));
        using var reader = command.ExecuteReader();
        var tokens = new List<ApiToken>();
        while (reader.Read()) tokens.Add(ReadToken(reader));
        return Task.FromResult<IReadOnlyList<ApiToken>>(tokens);
    }

    public Task<int> RevokeTokensAsync(string account, string? id, Instant at, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = Command(connection,
            "UPDATE api_tokens SET revoked_at = $at WHERE account = $account AND revoked_at IS NULL AND ($id IS NULL OR id = $id)");
        command.Parameters.Add(new DuckDBParameter("at", at.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("account", account.ToLowerInvariant()));
        command.Parameters.Add(new DuckDBParameter("id", id));
        return Task.FromResult(command.ExecuteNonQuery());
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void AddAccountParameters(DuckDBCommand command, Account account)
    {
        command.Parameters.Add(new DuckDBParameter("name", account.Name.ToLowerInvariant()));
        command.Parameters.Add(new DuckDBParameter("role", AccountRoles.Name(account.Role)));
        command.Parameters.Add(new DuckDBParameter("school", account.School));
        command.Parameters.Add(new DuckDBParameter("hash", account.PasswordHash));
        command.Parameters.Add(new DuckDBParameter("disabled", account.Disabled));
        command.Parameters.Add(new DuckDBParameter("failed", account.FailedSignIns));
        command.Parameters.Add(new DuckDBParameter("locked", account.LockedUntil?.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("external", account.ExternalId));
    }

    private static Account ReadAccount(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Role = AccountRoles.TryParse(r.GetString(1), out var role) ? role : throw new InvalidDataException($"account '{r.GetString(0)}' has an unknown role '{r.GetString(1)}'"),
        School = r.IsDBNull(2) ? null : r.GetString(2),
        PasswordHash = r.GetString(3),
        Disabled = r.GetBoolean(4),
        FailedSignIns = r.GetInt32(5),
        LockedUntil = r.GetInstantOrNull(6),
        CreatedAt = r.GetInstant(7),
        ExternalId = r.IsDBNull(8) ? null : r.GetString(8),
    };

    private static ApiToken ReadToken(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInstant(3), r.GetInstantOrNull(4));
}
