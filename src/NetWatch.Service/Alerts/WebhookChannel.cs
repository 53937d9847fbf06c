using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Text;

namespace NetWatch.Service.Alerts;

/// <summary>The payloads a webhook channel posts.</summary>
public static class WebhookFormats
{
    public const string Generic = "generic";
    public const string Teams = "teams";
    public const string Slack = "slack";
    public static readonly string[] All = [Generic, Teams, Slack];
}

/// <summary>
/// A webhook: POSTs JSON (generic: the alert with its evidence, for the school's own systems; Teams: a MessageCard;
/// Slack: an incoming-webhook message with blocks) with an <c>Idempotency-Key</c> header. Any status but 2xx is a failure.
/// </summary>
public sealed class WebhookChannel(string name, string format, HttpClient http) : IAlertChannel
{
    public string Name => name;

    public async Task SendAsync(AlertMessage message, string recipient, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, recipient)
        {
            Content = new StringContent(Payload(message, format).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    public static JsonNode Payload(AlertMessage m, string format)
    {
        var title = m.Subject.Replace("[NetWatch] ", "");
        var text = $"Severity {m.Alert.Severity} of 5, {m.Alert.Count} match(es), school {m.Alert.School}. Open it in NetWatch for the details.";
        return format switch
        {
            WebhookFormats.Teams => new JsonObject
            {
                ["@type"] = "MessageCard",
                ["@context"] = "https://schema.org/extensions",
                ["summary"] = title,
                ["themeColor"] = m.Alert.Severity >= 4 ? "C50F1F" : "F7630C",
                ["title"] = title,
                ["text"] = text,
                ["potentialAction"] = m.Link is null ? new JsonArray() : new JsonArray(new JsonObject
                {
                    ["@type"] = "OpenUri", ["name"] = "Open the alert",
                    ["targets"] = new JsonArray(new JsonObject { ["os"] = "default", ["uri"] = m.Link }),
                }),
            },
            WebhookFormats.Slack => new JsonObject
            {
                ["text"] = title,
                ["blocks"] = new JsonArray(
                    new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = title } },
                    new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text + (m.Link is null ? "" : $" <{m.Link}|Open the alert>") } }),
            },
            _ => Generic(m),
        };
    }

    private static JsonNode Generic(AlertMessage m)
    {
        var a = m.Alert;
        var iso = InstantPattern.ExtendedIso;
        return new JsonObject
        {
            ["alert_id"] = a.Id, ["version"] = m.Notification.Version, ["reason"] = m.Notification.Reason,
            ["school"] = a.School, ["theme"] = a.Theme, ["severity"] = a.Severity, ["count"] = a.Count,
            ["first_seen"] = iso.Format(a.FirstSeen), ["last_seen"] = iso.Format(a.LastSeen), ["link"] = m.Link,
            ["subject"] = new JsonObject { ["person"] = a.Subject.Person, ["role"] = a.Subject.Role, ["group"] = a.Subject.Group, ["device"] = a.Subject.Device, ["ip"] = a.Subject.Ip },
            ["evidence"] = new JsonArray(a.Evidence.Select(e => (JsonNode)new JsonObject
            {
                ["event_id"] = e.EventId.ToString(), ["at"] = iso.Format(e.At), ["url"] = e.Url, ["search_terms"] = e.SearchTerms,
                ["matched"] = e.Matched, ["categories"] = new JsonArray(e.Categories.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                ["severity"] = e.Severity, ["rule"] = e.Rule, ["clause"] = e.Clause, ["explanation"] = e.Explanation,
            }).ToArray()),
        };
    }
}
