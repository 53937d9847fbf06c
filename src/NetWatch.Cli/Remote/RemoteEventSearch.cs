using System.Runtime.CompilerServices;
using System.Text.Json;
using NetWatch.Api.Routes;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Cli.Remote;

/// <summary>
/// <see cref="IEventSearch"/> over the service's API: /api/events (pages), /api/events/export (a stream of ECS
/// documents, read back with <see cref="EcsJsonReader"/>), /api/events/{id}, /api/visits, /api/dead-letters; a count is
/// an aggregate without dimension. Each request is an audit record on the service's side.
/// </summary>
internal sealed class RemoteEventSearch(ApiClient api, IAggregates aggregates) : IEventSearch
{
    /// <summary>The most dead letters /api/dead-letters gives in one answer.</summary>
    public const int DeadLetterLimit = 100_000;

    public async Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken)
    {
        var parameters = EventFilters.ToParameters(query).Append(new("page_size", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (after is not null) parameters = parameters.Append(new("cursor", after.ToToken()));
        using var page = (await api.GetJsonAsync(ApiClient.Route("api/events", parameters), cancellationToken))!;
        var events = page.RootElement.GetProperty("events").EnumerateArray().Select(EcsJsonReader.Read).ToList();
        var next = page.RootElement.GetProperty("next").GetString() is { } token && EventCursor.TryParse(token, out var cursor) ? cursor : null;
        return new EventPage(events, next);
    }

    public async Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken) =>
        (await aggregates.AggregateAsync([new AggregateQuery { Filter = query }], cancellationToken))[0].Rows.SingleOrDefault()?.Requests ?? 0;

    public async IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var route = ApiClient.Route("api/events/export", EventFilters.ToParameters(query).Prepend(new("format", "ndjson")));
        using var response = (await api.GetAsync(route, cancellationToken))!;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
            if (line.Length > 0) yield return EcsJsonReader.Read(line);
    }

    public async Task<NetEvent?> GetAsync(EventId id, CancellationToken cancellationToken)
    {
        using var document = await api.GetJsonAsync($"api/events/{id}", cancellationToken, notFoundIsNull: true);
        return document is null ? null : EcsJsonReader.Read(document.RootElement);
    }

    public async Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, string? school, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (from is { } f) parameters.Add(new("from", EcsJsonWriter.FormatInstant(f)));
        if (to is { } t) parameters.Add(new("to", EcsJsonWriter.FormatInstant(t)));
        if (person is not null) parameters.Add(new("person", person));
        if (school is not null) parameters.Add(new("school", school));
        using var document = (await api.GetJsonAsync(ApiClient.Route("api/visits", parameters), cancellationToken))!;
        return document.RootElement.GetProperty("visits").EnumerateArray().Select(v => new Visit
        {
            Person = v.GetProperty("person").GetString()!,
            Role = Str(v, "role"),
            Domain = v.GetProperty("domain").GetString()!,
            Start = Time(v, "start")!.Value,
            End = Time(v, "end")!.Value,
            EventCount = v.GetProperty("events").GetInt32(),
            Categories = v.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList(),
            Verdict = Str(v, "verdict"),
            PolicyName = Str(v, "policy"),
            FirstEventId = EventId.TryParse(v.GetProperty("first_event_id").GetString()!, out var id) ? id : default,
        }).ToList();
    }

    public async IAsyncEnumerable<DeadLetter> DeadLettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var document = (await api.GetJsonAsync($"api/dead-letters?limit={DeadLetterLimit}", cancellationToken))!;
        foreach (var d in document.RootElement.GetProperty("dead_letters").EnumerateArray())
            yield return new DeadLetter(d.GetProperty("source").GetString()!, d.GetProperty("line").GetInt64(), d.GetProperty("raw").GetString()!,
                d.GetProperty("reason").GetString()!, Str(d, "detail"), Time(d, "received_at")!.Value);
    }

    internal static string? Str(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static Instant? Time(JsonElement o, string name) => Str(o, name) is { } text ? InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow() : null;
}
