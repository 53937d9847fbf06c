using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Tests;

/// <summary>
/// The authorisation matrix (README, "Who may see what"), written out here as the specification: every route ×
/// every role (a trust-wide account) × anonymous × the same role at another school, each allowed or denied as the
/// table says; every allowed request of a personal-data route writes exactly one audit record, a denied one none.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.Api fixture) : IClassFixture<AccessMatrixTests.Api>
{
    public sealed class Api : IAsyncLifetime
    {
        public TestApi Value { get; private set; } = null!;
        public Task InitializeAsync()
        {
            Value = TestApi.Start(extra: services => services.AddSingleton(new Privacy.Notice.NoticeFacts()));
            return Task.CompletedTask;
        }
        public Task DisposeAsync() => Value.DisposeAsync().AsTask();
    }

    private const string Dsl = "dsl", Deputy = "deputy-dsl", Slt = "slt", Auditor = "auditor", Ict = "ict-admin";
    private static readonly string[] Everyone = [Dsl, Deputy, Slt, Auditor, Ict];

    /// <summary>How a user of school B fares on a request about school A's records.</summary>
    private enum OtherSchool { Forbidden, NotFound, SeesNothingOfA, SameAsOwn }

    private sealed record Route(string Method, string Pattern, string[] Roles, bool Personal, OtherSchool Other, Func<TestApi, HttpRequestMessage> Request, bool Anonymous = false);

    private const string Purpose = "purpose=matrix+test";

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static readonly Route[] Routes =
    [
        new("GET", "/api/session", Everyone, false, OtherSchool.SameAsOwn, _ => Get("/api/session")),
        new("DELETE", "/api/session", Everyone, false, OtherSchool.SameAsOwn, _ => new HttpRequestMessage(HttpMethod.Delete, "/api/session")),
        new("GET", "/api/events", [Dsl, Deputy, Auditor], true, OtherSchool.Forbidden, _ => Get($"/api/events?school={TestApi.SchoolA}&{Purpose}")),
        new("GET", "/api/events/export", [Dsl, Deputy, Auditor], true, OtherSchool.Forbidden, _ => Get($"/api/events/export?school={TestApi.SchoolA}&format=csv&{Purpose}")),
        new("GET", "/api/events/{id}", [Dsl, Deputy, Auditor], true, OtherSchool.NotFound, api => Get($"/api/events/{api.AliceFirst.Id}?{Purpose}")),
        new("GET", "/api/people/{person}/activity", [Dsl, Deputy, Auditor], true, OtherSchool.Forbidden,
            _ => Get($"/api/people/alice/activity?at=2026-11-23T10:05:00Z&school={TestApi.SchoolA}&{Purpose}")),
        new("GET", "/api/visitors", [Dsl, Deputy, Auditor], true, OtherSchool.Forbidden, _ => Get($"/api/visitors?domain=example.com&school={TestApi.SchoolA}&{Purpose}")),
        new("GET", "/api/findings", [Dsl, Deputy], true, OtherSchool.Forbidden, _ => Get($"/api/findings?school={TestApi.SchoolA}&{Purpose}")),
        new("GET", "/api/visits", [Dsl, Deputy], true, OtherSchool.Forbidden, _ => Get($"/api/visits?school={TestApi.SchoolA}&{Purpose}")),
        new("GET", "/api/aggregates", [Dsl, Deputy, Slt], true, OtherSchool.Forbidden, _ => Get($"/api/aggregates?by=person&school={TestApi.SchoolA}&{Purpose}")),
        new("POST", "/api/pseudonyms/reveal", [Slt], true, OtherSchool.Forbidden, api => new HttpRequestMessage(HttpMethod.Post, "/api/pseudonyms/reveal")
        {
            Content = JsonContent.Create(new { pseudonym = new Pseudonyms(api.Options).Of(TestApi.SchoolA, "alice"), reason = "parent complaint 2026-11-23", school = TestApi.SchoolA }),
        }),
        new("GET", "/api/alerts", [Dsl, Deputy], true, OtherSchool.Forbidden, _ => Get($"/api/alerts?school={TestApi.SchoolA}")),
        new("GET", "/api/alerts/{id}", [Dsl, Deputy], true, OtherSchool.NotFound, api => Get($"/api/alerts/{api.AliceAlert.Id}")),
        new("GET", "/api/alerts/feed", [Dsl, Deputy], true, OtherSchool.SeesNothingOfA, _ => Get("/api/alerts/feed")),
        new("POST", "/api/alerts/{id}/acknowledge", [Dsl, Deputy], true, OtherSchool.NotFound, api => new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{api.AliceAlert.Id}/acknowledge")),
        new("POST", "/api/alerts/{id}/assign", [Dsl, Deputy], true, OtherSchool.NotFound, api => new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{api.AliceAlert.Id}/assign")
        {
            Content = JsonContent.Create(new { assignee = "deputy-dsl" }),
        }),
        new("POST", "/api/alerts/{id}/notes", [Dsl, Deputy], true, OtherSchool.NotFound, api => new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{api.AliceAlert.Id}/notes")
        {
            Content = JsonContent.Create(new { text = "spoke to the form tutor" }),
        }),
        new("POST", "/api/alerts/{id}/close", [Dsl, Deputy], true, OtherSchool.NotFound, api => new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{api.AliceAlertToClose.Id}/close")
        {
            Content = JsonContent.Create(new { outcome = "concern-logged", note = "logged in CPOMS" }),
        }),
        new("GET", "/api/alerts/suppressions", [Dsl, Deputy], true, OtherSchool.SeesNothingOfA, _ => Get("/api/alerts/suppressions?include_revoked=true")),
        new("DELETE", "/api/alerts/suppressions/{id}", [Dsl, Deputy], true, OtherSchool.NotFound, api =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/alerts/suppressions/{api.AddSuppression(TestApi.SchoolA)}")),
        new("GET", "/api/sources", [Ict], false, OtherSchool.SeesNothingOfA, _ => Get("/api/sources")),
        new("GET", "/api/dead-letters", [Ict], true, OtherSchool.SeesNothingOfA, _ => Get($"/api/dead-letters?{Purpose}")),
        new("GET", "/api/audit", [Auditor], true, OtherSchool.SeesNothingOfA, _ => Get($"/api/audit?{Purpose}")),
        new("GET", "/api/accounts", [Ict], true, OtherSchool.SeesNothingOfA, _ => Get($"/api/accounts?{Purpose}")),
        new("GET", "/api/people/{person}/subject-access", [Dsl, Deputy, Auditor], true, OtherSchool.Forbidden,
            _ => Get($"/api/people/alice/subject-access?school={TestApi.SchoolA}&{Purpose}")),
        new("GET", "/api/notice", Everyone, false, OtherSchool.SameAsOwn, _ => Get("/api/notice"), Anonymous: true),
    ];

    /// <summary>What school B's user must not see of school A in an answer it is allowed to get.</summary>
    private static readonly string[] SchoolAMarks = ["proxy-a", "alice", TestApi.SchoolA, "\"name\":\"dsl\""];

    public static TheoryData<string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var route in Routes)
        {
            data.Add(route.Method, route.Pattern, null);
            foreach (var role in Everyone)
            {
                data.Add(route.Method, route.Pattern, role);
                data.Add(route.Method, route.Pattern, role + "-b");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_route_answers_each_role_as_the_matrix_says(string method, string pattern, string? account)
    {
        var api = fixture.Value;
        var route = Routes.Single(r => r.Method == method && r.Pattern == pattern);
        var otherSchool = account?.EndsWith("-b") == true;
        var role = otherSchool ? account![..^2] : account;
        var allowedRole = role is not null && route.Roles.Contains(role);
        var auditBefore = api.AuditRecords.Count;

        using var client = api.Client(account);
        using var response = await client.SendAsync(route.Request(api));
        var body = await response.Content.ReadAsStringAsync();

        HttpStatusCode expected;
        if (account is null) expected = route.Anonymous ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
        else if (!allowedRole) expected = HttpStatusCode.Forbidden;
        else if (!otherSchool) expected = route.Method == "DELETE" ? HttpStatusCode.NoContent : HttpStatusCode.OK;
        else expected = route.Other switch
        {
            OtherSchool.Forbidden => HttpStatusCode.Forbidden,
            OtherSchool.NotFound => HttpStatusCode.NotFound,
            _ => route.Method == "DELETE" ? HttpStatusCode.NoContent : HttpStatusCode.OK,
        };
        Assert.True(expected == response.StatusCode, $"{method} {pattern} as {account ?? "anonymous"}: expected {(int)expected}, got {(int)response.StatusCode} {body}");

        if (otherSchool && allowedRole && route.Other == OtherSchool.SeesNothingOfA)
            foreach (var mark in SchoolAMarks) Assert.DoesNotContain(mark, body);

        var written = api.AuditRecords.Skip(auditBefore).ToList();
        var disclosed = route.Personal && (int)response.StatusCode is >= 200 and < 300;
        Assert.True((disclosed ? 1 : 0) == written.Count, $"{method} {pattern} as {account ?? "anonymous"}: {written.Count} audit records");
        if (disclosed) Assert.Equal(account, written[0].Record.Actor);
    }

    [Fact]
    public void Every_api_route_is_in_the_matrix()
    {
        var endpoints = fixture.Value.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (m, e.RoutePattern.RawText!)))
            .Where(x => x != ("POST", "/api/session")) // signing in: anonymous by nature, see SessionTests
            .ToHashSet();
        Assert.Equal(Routes.Select(r => (r.Method, r.Pattern)).ToHashSet(), endpoints);
    }

    [Fact]
    public void The_code_matrix_is_the_tested_one()
    {
        foreach (var route in Routes.Where(r => r.Pattern is not ("/api/session" or "/api/notice")))
        {
            var capability = route.Pattern switch
            {
                "/api/findings" or "/api/visits" => AccessMatrix.Safeguarding,
                "/api/aggregates" => AccessMatrix.Aggregates,
                "/api/pseudonyms/reveal" => AccessMatrix.Reveal,
                "/api/sources" or "/api/dead-letters" => AccessMatrix.Operations,
                "/api/audit" => AccessMatrix.Audit,
                "/api/accounts" => AccessMatrix.Accounts,
                "/api/people/{person}/subject-access" => AccessMatrix.SubjectAccess,
                var alerts when alerts.StartsWith("/api/alerts") => AccessMatrix.Alerts,
                _ => AccessMatrix.Events,
            };
            Assert.Equal(route.Roles.Order(), AccessMatrix.Roles[capability].Select(AccountRoles.Name).Order());
        }
    }
}
