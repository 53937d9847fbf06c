using System.Net.Http.Headers;
using System.Text.Json;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Service.Tests.Retention;

/// <summary><c>netwatch run</c> hosts the daily retention job and serves the transparency notice.</summary>
public sealed class PrivacyRunTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_running_service_deletes_what_is_past_retention_and_serves_the_notice()
    {
        var store = _dir.File("store");
        string token;
        var now = SystemClock.Instance.GetCurrentInstant();
        using (var opened = Storage.DuckDbStore.Open(store))
        {
            using (var session = opened.Writer.Begin())
            {
                await session.WriteEventsAsync([TestEvents.Minimal(1, now - Duration.FromDays(400), "alice"), TestEvents.Minimal(2, now - Duration.FromDays(30), "alice")], default);
                await session.CommitAsync(default);
            }
            await opened.Accounts.AddAsync(new Storage.Contracts.Accounts.Account
            {
                Name = "auditor", Role = Storage.Contracts.Accounts.AccountRole.Auditor, PasswordHash = "-", CreatedAt = now,
            }, default);
            var (text, stored) = Api.Auth.TokenMaker.Create("auditor", now);
            await opened.Accounts.AddTokenAsync(stored, default);
            token = text;
        }
        var log = _dir.File("access.log");
        File.WriteAllText(log, "");
        var port = Health.FreeTcpPort();
        var config = _dir.File("netwatch.yaml");
        // daily_at 00:00: a service started later in the day runs the day's retention at start.
        File.WriteAllText(config, $"store: {store}\napi:\n  port: {port}\nenrich:\n  policy: {RepoFiles.Path("policies", "003-glenmere.yaml")}\n"
            + "retention:\n  daily_at: \"00:00\"\nsources:\n  - name: proxy\n    path: " + log + "\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        JsonElement records = default;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                records = JsonDocument.Parse(await client.GetStringAsync("/api/audit?action=retention.delete&purpose=privacy+test")).RootElement.GetProperty("records");
                if (records.GetArrayLength() > 0) break;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        Assert.True(records.ValueKind == JsonValueKind.Array && records.GetArrayLength() > 0, service.Stderr);
        var events = records.EnumerateArray().Single(r => r.GetProperty("query").GetString()!.Contains("\"kind\":\"events\""));
        Assert.Equal("netwatch:retention", events.GetProperty("actor").GetString());
        Assert.Equal(1, events.GetProperty("rows").GetInt64());

        var notice = await client.GetStringAsync("/api/notice?format=markdown");
        Assert.Contains("| 12 months | policy 003-glenmere, clause 3 Monitoring", notice);
        Assert.Contains("| auditor | records of requests, with names; the audit log; subject-access exports; each search for a stated purpose | 1 |", notice);

        service.Terminate();
        Assert.Equal(0, service.WaitForExit());
        Assert.Equal(1, StoreContents.Count(store, "SELECT count(*) FROM events"));
    }
}
