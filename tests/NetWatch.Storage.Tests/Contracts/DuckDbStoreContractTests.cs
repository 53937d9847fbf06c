using NetWatch.Storage.Contracts;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Contracts;

/// <summary>The contract tests run against the embedded DuckDB store, in a fresh directory per test.</summary>
public sealed class DuckDbStoreContractTests : StoreContractTests
{
    private readonly TempDirectory _dir = new();

    protected override IStore OpenStore() => DuckDbStore.Open(_dir.Path);

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }
}
