using DuckDB.NET.Data;
using NetWatch.Storage.Contracts;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Contracts;

/// <summary>The contract tests run against the embedded DuckDB store, in a fresh directory per test.</summary>
public sealed class DuckDbStoreContractTests : StoreContractTests
{
    private readonly TempDirectory _dir = new();

    protected override IStore OpenStore() => DuckDbStore.Open(_dir.Path);

    /// <summary>Plain SQL on the store's file, as anyone who can open it could run.</summary>
    protected override Task TamperAsync(AuditTampering how, long sequence) => Tamper(_dir.File(DuckDbStore.FileName), how, sequence);

    /// <summary>Plain SQL on a store file (also for <see cref="DuckDbEventsOnlyContractTests"/>).</summary>
    internal static Task Tamper(string file, AuditTampering how, long sequence)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = how switch
        {
            AuditTampering.ChangeRecord => "UPDATE audit_log SET purpose = 'routine' WHERE sequence = $seq",
            AuditTampering.RemoveRecord => "DELETE FROM audit_log WHERE sequence = $seq",
            AuditTampering.RemoveLastRecord => "DELETE FROM audit_log WHERE sequence = $seq",
            AuditTampering.InsertRecord => """
                INSERT INTO audit_log
                SELECT $seq, recorded_at, 'nobody', action, purpose, query, school, "rows", outcome, hash, hash
                FROM audit_log WHERE sequence = $seq - 1
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        command.Parameters.Add(new DuckDBParameter("seq", sequence));
        Assert.Equal(1, command.ExecuteNonQuery());
        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }
}
