using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NetWatch.Api.Auth;
using NetWatch.Api.Hosting;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Api.Tests;

/// <summary>The API over the embedded DuckDB store itself: what a DSL reads is what was written, and its audit record is in the store's tamper-evident log.</summary>
public sealed class DuckDbStoreApiTests
{
    [Fact]
    public async Task A_search_and_an_export_read_the_store_and_leave_their_records_in_its_audit_log()
    {
        using var dir = new TempDirectory();
        using var store = DuckDbStore.Open(dir.Path);
        using (var session = store.Writer.Begin())
        {
            await session.WriteEventsAsync(
            [
                TestApi.Event(1, TestApi.T0, "alice", "www.example.com", TestApi.SchoolA),
                TestApi.Event(2, TestApi.T0 + Duration.FromMinutes(1), "bob", "www.example.com", TestApi.SchoolB),
                TestApi.Event(3, TestApi.T0 + Duration.FromMinutes(2), "alice", "games.example.net", TestApi.SchoolA),
            ], default);
            await session.CommitAsync(default);
        }
        var (token, stored) = TokenMaker.Create("dsl", TestApi.T0);
        await store.Accounts.AddAsync(new Account { Name = "dsl", Role = AccountRole.Dsl, PasswordHash = PasswordHashing.Hash(TestApi.Password), CreatedAt = TestApi.T0 }, default);
        await store.Accounts.AddTokenAsync(stored, default);

        await using var app = ApiHost.Build(TestApi.DefaultOptions, services => services.AddNetWatchStore(store, store.Accounts));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = ApiHost.Address(app) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var page = JsonDocument.Parse(await client.GetStringAsync("/api/events?person=alice&page_size=1"));
        var next = page.RootElement.GetProperty("next").GetString();
        Assert.NotNull(next);
        using var second = JsonDocument.Parse(await client.GetStringAsync("/api/events?person=alice&page_size=1&cursor=" + next));
        Assert.Equal("games.example.net", second.RootElement.GetProperty("events")[0].GetProperty("url").GetProperty("domain").GetString());
        var export = await client.GetStringAsync("/api/events/export?domain=example.com");
        Assert.Equal(2, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var records = await store.Audit.ReadAsync(new AuditQuery(Actor: "dsl"), default);
        Assert.Equal(["events.search", "events.search", "events.export"], records.Select(r => r.Record.Action));
        Assert.Equal([1L, 1L, 2L], records.Select(r => r.Record.Rows ?? -1));
        Assert.Null(await store.Audit.VerifyAsync(default));
        await app.StopAsync();
    }
}
