using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MimeKit;
using NetWatch.Core.Alerts;
using NetWatch.Service.Alerts;
using NodaTime;

namespace NetWatch.Service.Config;

/// <summary>
/// Reads the <c>alerts:</c> section (README, "Alerts": a contract): <c>group_minutes</c>, <c>repeat_minutes</c>,
/// <c>link</c>, <c>channels</c> (<c>type: email</c> or <c>webhook</c>), <c>out_of_hours</c>, <c>escalation</c>,
/// <c>retry</c>. Every bad value is a <see cref="ConfigException"/> naming the file and line.
/// </summary>
internal static partial class AlertsConfigReader
{
    [GeneratedRegex(@"^alerts(:(group_minutes|repeat_minutes|link|retry(:(first_seconds|max_seconds))?|channels(:\d+(:(type|name|host|port|starttls|accept_any_certificate|ca_file|certificate_fingerprint|from|username|password|password_file|url|format|min_severity|to(:\d+(:(address|min_severity))?)?))?)?|out_of_hours(:to(:\d+)?)?|escalation(:(min_severity|after_minutes|to(:\d+)?))?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Key();

    public static bool IsKey(string key) => Key().IsMatch(key);

    public static AlertsSettings? Read(ConfigReader r, IConfiguration config)
    {
        if (!config.GetSection("alerts").Exists()) return null;
        var email = new List<EmailSettings>();
        var webhooks = new List<WebhookSettings>();
        var channels = new List<AlertChannel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in config.GetSection("alerts:channels").GetChildren().OrderBy(c => int.Parse(c.Key)))
        {
            var key = section.Path;
            var type = r.String(key + ":type") ?? throw r.Error(key, "a channel needs a type: email or webhook");
            var name = r.String(key + ":name") ?? $"{type}-{section.Key}";
            if (!names.Add(name) || name == AlertRouting.LiveFeed.Name) throw r.Error(key + ":name", $"two channels are named '{name}'");
            var minSeverity = Severity(r, key + ":min_severity") ?? 1;
            switch (type)
            {
                case ChannelTypes.Email:
                    var host = r.String(key + ":host") ?? throw r.Error(key, "an email channel needs a host (the SMTP server)");
                    var from = Address(r, key + ":from") ?? throw r.Error(key, "an email channel needs 'from' (the sender's address)");
                    var to = Recipients(r, config, key + ":to");
                    if (to.Count == 0) throw r.Error(key, "an email channel needs 'to' (at least one address: the DSL's)");
                    var startTls = r.Bool(key + ":starttls") ?? false;
                    email.Add(new EmailSettings(name, host, r.Int(key + ":port", 1, 65535) ?? 25, startTls, from)
                    {
                        Username = r.String(key + ":username"), Password = Password(r, key),
                        Trust = SmtpTrustConfig.Read(r, key, startTls),
                    });
                    channels.Add(new AlertChannel(name, ChannelTypes.Email, to, minSeverity));
                    break;
                case ChannelTypes.Webhook:
                    var url = r.String(key + ":url") ?? throw r.Error(key, "a webhook channel needs a url");
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                        throw r.Error(key + ":url", $"'{url}' is not an http or https URL");
                    var format = r.String(key + ":format") ?? WebhookFormats.Generic;
                    if (!WebhookFormats.All.Contains(format)) throw r.Error(key + ":format", $"webhook format '{format}' is not one of {string.Join(", ", WebhookFormats.All)}");
                    webhooks.Add(new WebhookSettings(name, url, format));
                    channels.Add(new AlertChannel(name, ChannelTypes.Webhook, [new Recipient(url)], minSeverity));
                    break;
                default:
                    throw r.Error(key + ":type", $"channel type '{type}' is not email or webhook");
            }
        }
        var outOfHours = Recipients(r, config, "alerts:out_of_hours:to").Select(x => x.Address).ToList();
        if (outOfHours.Count > 0 && email.Count == 0) throw r.Error("alerts:out_of_hours", "out-of-hours routing sends e-mail: it needs an email channel");
        EscalationRule? escalation = null;
        if (config.GetSection("alerts:escalation").Exists())
        {
            const string key = "alerts:escalation";
            var to = Recipients(r, config, key + ":to").Select(x => x.Address).ToList();
            if (to.Count == 0) throw r.Error(key, "escalation needs 'to' (the next contact's address)");
            if (email.Count == 0) throw r.Error(key, "escalation sends e-mail: it needs an email channel");
            escalation = new EscalationRule(Severity(r, key + ":min_severity") ?? 4, Duration.FromMinutes(r.Int(key + ":after_minutes", 1, 10_080) ?? 10), to);
        }
        var link = r.String("alerts:link");
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var l) && l.Scheme is "http" or "https"))
            throw r.Error("alerts:link", $"'{link}' is not an http or https URL (the web app's address)");
        var settings = new AlertsSettings
        {
            Grouping = new AlertGrouping(Duration.FromMinutes(r.Int("alerts:group_minutes", 1, 1440) ?? 15), Duration.FromMinutes(r.Int("alerts:repeat_minutes", 1, 10_080) ?? 240)),
            Link = link, Email = email, Webhooks = webhooks, Routing = new AlertRouting(channels, outOfHours, escalation),
            RetryFirst = Duration.FromSeconds(r.Int("alerts:retry:first_seconds", 1, 3600) ?? 2),
            RetryMax = Duration.FromSeconds(r.Int("alerts:retry:max_seconds", 1, 86_400) ?? 300),
        };
        if (settings.RetryMax < settings.RetryFirst) throw r.Error("alerts:retry:max_seconds", "the longest wait between retries is shorter than the first");
        return settings;
    }

    private static int? Severity(ConfigReader r, string key) => r.Int(key, 1, 5);

    /// <summary><c>password</c>, or the first line of <c>password_file</c> (kept out of the configuration file); each needs <c>username</c>.</summary>
    private static string? Password(ConfigReader r, string key)
    {
        var inline = r.String(key + ":password");
        var file = r.String(key + ":password_file");
        if (inline is not null && file is not null) throw r.Error(key + ":password_file", "give 'password' or 'password_file', not both");
        if ((inline ?? file) is not null && r.String(key + ":username") is null) throw r.Error(key, "a password needs a 'username'");
        if (file is null) return inline;
        if (!File.Exists(file)) throw r.Error(key + ":password_file", $"'{file}' does not exist");
        var password = File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r');
        return string.IsNullOrEmpty(password) ? throw r.Error(key + ":password_file", $"'{file}' is empty (its first line is the password)") : password;
    }

    /// <summary><c>to: [a@x, {address: b@x, min_severity: 3}]</c> (a single value is a list of one).</summary>
    private static List<Recipient> Recipients(ConfigReader r, IConfiguration config, string key)
    {
        var list = new List<Recipient>();
        if (r.String(key) is not null) return [new Recipient(Address(r, key)!)];
        foreach (var item in config.GetSection(key).GetChildren().OrderBy(c => int.TryParse(c.Key, out var n) ? n : int.MaxValue))
        {
            var itemKey = item.Path;
            if (item.Value is { Length: > 0 }) list.Add(new Recipient(Address(r, itemKey)!));
            else list.Add(new Recipient(Address(r, itemKey + ":address") ?? throw r.Error(itemKey, "a recipient needs an address"), Severity(r, itemKey + ":min_severity") ?? 1));
        }
        return list;
    }

    private static string? Address(ConfigReader r, string key)
    {
        if (r.String(key) is not { } text) return null;
        return MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@') ? text : throw r.Error(key, $"'{text}' is not an e-mail address");
    }
}
