using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using NetWatch.Api.Routes;
using NetWatch.Storage.Contracts.Alerts;

namespace NetWatch.Api.Privacy;

/// <summary>The person's DSL alerts in a subject-access export (<c>alerts.ndjson</c>), as the alert list route shows them.</summary>
public sealed class AlertSubjectRecords(IAlertStore alerts) : ISubjectRecords
{
    public string Kind => "alerts";

    public async IAsyncEnumerable<SubjectRecord> ForPersonAsync(string person, string? school, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = await alerts.ListAsync(new AlertQuery { Person = person, School = school, Limit = int.MaxValue }, cancellationToken);
        foreach (var alert in found.OrderBy(a => a.FirstSeen))
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, JsonAnswer.WriterOptions))
            {
                w.WriteStartObject();
                AlertAnswers.Summary(w, alert);
                w.WriteEndObject();
            }
            yield return new SubjectRecord(alert.FirstSeen, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }
}
