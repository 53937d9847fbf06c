using NetWatch.Storage.Contracts;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Contracts;

/// <summary>
/// The contract tests again, against the DuckDB store reading the events alone (never its roll-ups): with
/// <see cref="DuckDbStoreContractTests"/>, which reads the roll-ups wherever they answer, this holds the two ways of
/// counting to the same answers.
/// </summary>
public sealed class DuckDbEventsOnlyContractTests : StoreContractTests
{
    private readonly TempDirectory _dir = new();

    protected override IStore OpenStore() => DuckDbStore.OpenReadingEventsOnly(_dir.Path);

    protected override Task TamperAsync(AuditTampering how, long sequence) => DuckDbStoreContractTests.Tamper(_dir.File(DuckDbStore.FileName), how, sequence);

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }
}
