using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetWatch.Api.Auth;
using NetWatch.Api.Hosting;
using NetWatch.Api.Tests.Fakes;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Api.Tests;

/// <summary>
/// The API on Kestrel at 127.0.0.1 (a free port) over the embedded DuckDB store holding two schools' events (its
/// search wrapped to fail on demand), and accounts in the same store: for every role a trust-wide account named after the role ("dsl") and one of
/// school B ("dsl-b"), each with a bearer token. People: alice and amir at school A, bob at school B.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    public const string SchoolA = "school-a";
    public const string SchoolB = "school-b";
    public const string Password = "correct horse battery staple";
    public static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 10, 0);
    // PBKDF2 is slow on purpose: one hash (own salt) serves every test account.
    private static readonly Lazy<string> PasswordHash = new(() => PasswordHashing.Hash(Password));

    private readonly TempDirectory _dir = new();
    private readonly DuckDbStore _store;
    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _tokens = [];

    public FailingSearch Search { get; }
    public IAccountStore Accounts => _store.Accounts;
    public IAlertStore Alerts => _store.Alerts;
    /// <summary>School A's alerts about alice: one to acknowledge, assign and note (never closed), one to close.</summary>
    public Alert AliceAlert { get; private set; } = null!;
    public Alert AliceAlertToClose { get; private set; } = null!;
    public ApiOptions Options { get; }
    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;
    public ConcurrentQueue<string> Logs { get; } = new();
    public NetEvent AliceFirst { get; }

    private TestApi(ApiOptions options, Action<IServiceCollection>? extra)
    {
        Options = options;
        _store = DuckDbStore.Open(_dir.Path);
        Search = new FailingSearch(_store.Search);
        AliceFirst = Event(1, T0, "alice", "www.example.com", SchoolA);
        SeedAsync().GetAwaiter().GetResult();
        _app = ApiHost.Build(options, services =>
        {
            services.AddNetWatchStore(_store, _store.Accounts);
            services.AddSingleton<IEventSearch>(Search);
            services.AddSingleton<IAlertFeed>(new FixedAlertFeed(new AlertFeedItem("k1", "a1", SchoolA, "self-harm", 4, "new", 1, 1, "alice"),
                new AlertFeedItem("k2", "b1", SchoolB, "bullying", 2, "new", 1, 1, "bob")));
            services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLogger(Logs)));
            extra?.Invoke(services);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Address = ApiHost.Address(_app);
    }

    public static TestApi Start(ApiOptions? options = null, Action<IServiceCollection>? extra = null) => new(options ?? DefaultOptions, extra);

    public static ApiOptions DefaultOptions => new()
    {
        Port = 0,
        PseudonymSecret = "test secret of at least sixteen characters",
        SourceSchools = new Dictionary<string, string> { ["proxy-a"] = SchoolA, ["proxy-b"] = SchoolB },
    };

    /// <summary>The audit log as stored, in sequence order.</summary>
    public IReadOnlyList<StoredAuditRecord> AuditRecords => _store.Audit.ReadAsync(new AuditQuery(), default).GetAwaiter().GetResult();

    public static NetEvent Event(long line, Instant at, string person, string domain, string school, string source = "proxy-a") =>
        TestEvents.Minimal(line, at, person, source) with
        {
            Organization = new Organization { Id = school },
            Url = new UrlParts { Original = $"http://{domain}/{line}", Scheme = "http", Domain = domain, RegisteredDomain = domain.StartsWith("www.") ? domain[4..] : domain, Path = $"/{line}" },
            Policy = new PolicyDecision { Verdict = "work" },
        };

    private async Task SeedAsync()
    {
        using (var session = _store.Writer.Begin())
        {
            await session.WriteEventsAsync(
            [
                AliceFirst,
                Event(2, T0 + Duration.FromMinutes(10), "alice", "games.example.net", SchoolA),
                Event(3, T0 + Duration.FromHours(3), "alice", "www.example.com", SchoolA),
                Event(4, T0 + Duration.FromMinutes(5), "amir", "www.example.com", SchoolA),
                Event(5, T0 + Duration.FromMinutes(5), "bob", "www.example.com", SchoolB, "proxy-b"),
            ], default);
            await session.WriteFindingsAsync(
            [
                Event(6, T0 + Duration.FromMinutes(20), "alice", "www.example.com", SchoolA) with
                {
                    Finding = new Finding { Kind = "shared-password", Description = "a login used on two devices", Start = T0, EventCount = 2 },
                },
            ], default);
            await session.WriteVisitsAsync(
            [
                new Visit
                {
                    Person = "alice", Domain = "example.com", Start = T0, End = T0 + Duration.FromMinutes(3), EventCount = 1,
                    Categories = [], FirstEventId = AliceFirst.Id,
                },
            ], default);
            await session.WriteDeadLettersAsync(
            [
                new DeadLetter("proxy-a", 7, "1763900000.000 alice garbage", "bad-timestamp", null, T0),
                new DeadLetter("proxy-b", 9, "1763900000.000 bob garbage", "bad-timestamp", null, T0),
            ], default);
            var grouper = new AlertGrouper(AlertGrouping.Default);
            var raised = grouper.Add(
            [
                AlertMatcher.Match(AlertTestEvents.Safeguarding(11, T0 + Duration.FromMinutes(1), "alice", school: SchoolA), AlertRules.Default, SuppressionSet.None)!,
                AlertMatcher.Match(AlertTestEvents.Safeguarding(12, T0 + Duration.FromMinutes(2), "alice", "bullying", 2, school: SchoolA), AlertRules.Default, SuppressionSet.None)!,
            ], T0);
            (AliceAlert, AliceAlertToClose) = (raised.Alerts.Single(a => a.Theme == "self-harm"), raised.Alerts.Single(a => a.Theme == "bullying"));
            await session.WriteAlertsAsync(raised.Alerts, raised.Notifications, default);
            await session.SaveCheckpointAsync(new Checkpoint("proxy-a", "file", "{}"), new CheckpointTotals(10, 8, 0, 1), default);
            await session.SaveCheckpointAsync(new Checkpoint("proxy-b", "file", "{}"), new CheckpointTotals(5, 4, 0, 1), default);
            await session.CommitAsync(default);
        }
        foreach (var role in AccountRoles.All)
        {
            AddAccount(AccountRoles.Name(role), role, null);
            AddAccount(AccountRoles.Name(role) + "-b", role, SchoolB);
        }
    }

    public void AddAccount(string name, AccountRole role, string? school)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        Accounts.AddAsync(new Account { Name = name, Role = role, School = school, PasswordHash = PasswordHash.Value, CreatedAt = now }, default).GetAwaiter().GetResult();
        var (text, stored) = TokenMaker.Create(name, now);
        Accounts.AddTokenAsync(stored, default).GetAwaiter().GetResult();
        _tokens[name] = text;
    }

    public string TokenOf(string account) => _tokens[account];

    /// <summary>Adds an active suppression of <paramref name="school"/>; returns its id.</summary>
    public string AddSuppression(string school)
    {
        var id = "s" + Guid.NewGuid().ToString("N")[..15];
        Alerts.AddSuppressionAsync(new Suppression { Id = id, School = school, SearchTerm = "self harm awareness", CreatedBy = "dsl", CreatedAt = T0 }, default)
            .GetAwaiter().GetResult();
        return id;
    }

    /// <summary>A client signed in by <paramref name="account"/>'s bearer token, or anonymous when null.</summary>
    public HttpClient Client(string? account = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (account is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[account]);
        return client;
    }

    /// <summary>A client that keeps cookies (the web app's way), not signed in yet.</summary>
    public HttpClient CookieClient() => new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        _dir.Dispose();
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        public void Dispose() { }
    }
}
