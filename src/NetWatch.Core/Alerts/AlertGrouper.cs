using System.Security.Cryptography;
using System.Text;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// Groups matches into alerts (see <see cref="AlertGrouping"/>). Holds the open alerts of the recent window in
/// memory; <see cref="Seed"/> gives it the stored ones after a restart, <see cref="Forget"/> drops one the DSL
/// closed (its next match starts a new alert). Times of matches are event times, so a replay groups as the live
/// run did; <c>now</c> (wall clock) stamps when an alert was raised and notified, for escalation.
/// </summary>
public sealed class AlertGrouper(AlertGrouping settings)
{
    private readonly Dictionary<string, Alert> _open = new(StringComparer.Ordinal);
    private Instant _newest = Instant.MinValue;

    public AlertGrouping Settings => settings;

    /// <summary>Open alerts held now.</summary>
    public int OpenCount => _open.Count;

    /// <summary>The open alert of a group key, if one is held.</summary>
    public Alert? Find(string groupKey) => _open.GetValueOrDefault(groupKey);

    public void Seed(IEnumerable<Alert> alerts)
    {
        foreach (var a in alerts.Where(a => a.Status != AlertStatus.Closed))
            if (!_open.TryGetValue(a.GroupKey, out var held) || held.LastSeen < a.LastSeen) _open[a.GroupKey] = a;
    }

    public void Forget(string alertId)
    {
        foreach (var key in _open.Where(kv => kv.Value.Id == alertId).Select(kv => kv.Key).ToList()) _open.Remove(key);
    }

    public AlertChanges Add(IReadOnlyList<AlertMatch> matches, Instant now)
    {
        if (matches.Count == 0) return AlertChanges.None;
        var changed = new Dictionary<string, Alert>(StringComparer.Ordinal);
        var notifications = new List<AlertNotification>();
        foreach (var m in matches.OrderBy(m => m.At))
        {
            if (m.At > _newest) _newest = m.At;
            Alert alert;
            if (_open.TryGetValue(m.GroupKey, out var held) && m.At >= held.FirstSeen - settings.Window && m.At <= held.LastSeen + settings.Window)
            {
                alert = Grow(held, m);
                if (m.Severity > held.Severity)
                {
                    alert = Renotify(alert, m, now);
                    notifications.Add(new(alert.Id, alert.Version, AlertNotification.SeverityRaised, alert.Severity, now));
                }
                else if (m.At - held.NotifiedSeen >= settings.RepeatInterval)
                {
                    alert = Renotify(alert, m, now);
                    notifications.Add(new(alert.Id, alert.Version, AlertNotification.Repeat, alert.Severity, now));
                }
            }
            else
            {
                alert = Raise(m, now);
                notifications.Add(new(alert.Id, alert.Version, AlertNotification.New, alert.Severity, now));
            }
            _open[m.GroupKey] = alert;
            changed[alert.Id] = alert;
        }
        Prune();
        return new AlertChanges(changed.Values.ToList(), notifications);
    }

    private static Alert Raise(AlertMatch m, Instant now) => new()
    {
        Id = IdOf(m.GroupKey, m.Evidence.EventId), School = m.School, Subject = m.Subject, Theme = m.Theme,
        Severity = m.Severity, FirstSeen = m.At, LastSeen = m.At, Count = 1, Evidence = [m.Evidence], EventIds = [m.Evidence.EventId],
        Version = 1, RaisedAt = now, NotifiedAt = now, NotifiedSeen = m.At,
    };

    private static Alert Grow(Alert a, AlertMatch m) => a with
    {
        FirstSeen = m.At < a.FirstSeen ? m.At : a.FirstSeen,
        LastSeen = m.At > a.LastSeen ? m.At : a.LastSeen,
        Count = a.Count + 1,
        Severity = Math.Max(a.Severity, m.Severity),
        // The newest evidence is kept, the highest-severity item always among it.
        Evidence = a.Evidence.Append(m.Evidence).OrderByDescending(e => e.At).Take(Alert.EvidenceKept).ToList(),
        EventIds = [.. a.EventIds, m.Evidence.EventId],
        Subject = a.Subject with { Role = a.Subject.Role ?? m.Subject.Role, Group = a.Subject.Group ?? m.Subject.Group },
    };

    private static Alert Renotify(Alert a, AlertMatch m, Instant now) =>
        a with { Version = a.Version + 1, NotifiedAt = now, NotifiedSeen = m.At };

    /// <summary>Alerts whose window has passed the newest match by a day are let go (memory holds the recent window only).</summary>
    private void Prune()
    {
        if (_open.Count < 1024) return;
        var horizon = _newest - settings.Window - Duration.FromDays(1);
        foreach (var key in _open.Where(kv => kv.Value.LastSeen < horizon).Select(kv => kv.Key).ToList()) _open.Remove(key);
    }

    /// <summary>An alert's id: deterministic from its group key and first event, so a replay names it the same.</summary>
    public static string IdOf(string groupKey, EventId firstEvent) =>
        "a" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey + "|" + firstEvent)))[..31];
}
