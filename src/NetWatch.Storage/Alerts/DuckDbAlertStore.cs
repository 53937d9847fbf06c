using DuckDB.NET.Data;
using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NodaTime;

namespace NetWatch.Storage.Alerts;

/// <summary>Alerts and suppressions in DuckDB (see <see cref="AlertSchema"/>); each call on a connection of its own.</summary>
internal sealed class DuckDbAlertStore(Func<DuckDBConnection> connect) : IAlertStore
{
    public Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = connect();
        using var command = connection.CreateCommand();
        var where = new List<string> { "true" };
        void Where(string condition, string name, object value) { where.Add(condition); command.Add(name, value); }
        if (query.From is { } from) Where("a.last_seen >= $from", "from", from);
        if (query.To is { } to) Where("a.last_seen < $to", "to", to);
        if (query.School is { } school) Where("a.school = $school", "school", school);
        if (query.Person is { } person) Where("a.person = $person", "person", person);
        if (query.Theme is { } theme) Where("a.theme = $theme", "theme", theme);
        if (query.MinSeverity is { } min) Where("a.severity >= $min", "min", min);
        if (query.Status is { } status) Where("coalesce(t.status, 'new') = $status", "status", AlertNames.Of(status));
        command.CommandText = $"{AlertTable.Select} WHERE {string.Join(" AND ", where)} ORDER BY a.last_seen DESC, a.id LIMIT {Math.Max(0, query.Limit)}";
        return Task.FromResult(ReadAll(command));
    }

    public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"{AlertTable.Select} WHERE a.id = $id";
        command.Add("id", id);
        return Task.FromResult(ReadAll(command).FirstOrDefault());
    }

    public Task<IReadOnlyList<Alert>> OpenSinceAsync(Instant from, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"{AlertTable.Select} WHERE a.last_seen >= $from AND coalesce(t.status, 'new') <> 'closed'";
        command.Add("from", from);
        return Task.FromResult(ReadAll(command));
    }

    public Task<IReadOnlySet<string>> ClosedAmongAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var closed = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0) return Task.FromResult<IReadOnlySet<string>>(closed);
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM alert_triage WHERE status = 'closed' AND list_contains($ids, id)";
        command.Add("ids", ids.ToList());
        using var r = command.ExecuteReader();
        while (r.Read()) closed.Add(r.GetString(0));
        return Task.FromResult<IReadOnlySet<string>>(closed);
    }

    public Task<bool> SaveTriageAsync(Alert alert, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alert_triage SELECT id, $status, $outcome, $assignee, $notes FROM alerts WHERE id = $id
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, outcome = excluded.outcome, assignee = excluded.assignee, notes = excluded.notes
            """;
        command.Add("id", alert.Id).Add("status", AlertNames.Of(alert.Status))
            .Add("outcome", alert.Outcome is { } o ? AlertNames.Of(o) : null).Add("assignee", alert.Assignee)
            .Add("notes", AlertJson.WriteNotes(alert.Notes));
        return Task.FromResult(command.ExecuteNonQuery() > 0);
    }

    public Task AddSuppressionAsync(Suppression s, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO alert_suppressions VALUES ($id, $school, $phrase, $site, $term, $reason, $alert, $by, $at, NULL, NULL)";
        command.Add("id", s.Id).Add("school", s.School).Add("phrase", s.Phrase).Add("site", s.Site).Add("term", s.SearchTerm)
            .Add("reason", s.Reason).Add("alert", s.AlertId).Add("by", s.CreatedBy).Add("at", s.CreatedAt);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Suppression>> SuppressionsAsync(bool includeRevoked, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM alert_suppressions" + (includeRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY created_at, id";
        using var r = command.ExecuteReader();
        var list = new List<Suppression>();
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
            list.Add(new Suppression
            {
                Id = r.GetString(0), School = S(1), Phrase = S(2), Site = S(3), SearchTerm = S(4), Reason = S(5), AlertId = S(6),
                CreatedBy = r.GetString(7), CreatedAt = r.GetInstant(8), RevokedBy = S(9), RevokedAt = r.GetInstantOrNull(10),
            });
        return Task.FromResult<IReadOnlyList<Suppression>>(list);
    }

    public Task<bool> RevokeSuppressionAsync(string id, string by, Instant at, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alert_suppressions SET revoked_by = $by, revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
        command.Add("id", id).Add("by", by).Add("at", at);
        return Task.FromResult(command.ExecuteNonQuery() > 0);
    }

    private static IReadOnlyList<Alert> ReadAll(DuckDBCommand command)
    {
        using var r = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (r.Read()) alerts.Add(AlertTable.Read(r));
        return alerts;
    }
}
