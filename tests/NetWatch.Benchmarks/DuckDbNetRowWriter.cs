using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Events;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// The store's row writer before session 15 (EventRowWriter through DuckDB.NET's row appender: a row object per row, a
/// typed AppendValue per column), kept here only as StoreWriteBenchmarks' baseline for the in-place chunk writer.
/// </summary>
internal static class DuckDbNetRowWriter
{
    public static void Append(DuckDBAppender appender, NetEvent e)
    {
        var url = e.Url;
        var squid = e.Squid;
        var e2g = e.E2Guardian;
        var c = e.Classification;
        var a = e.Attribution;
        var p = e.Policy;
        appender.CreateRow()
            .AppendValue(e.Id.ToGuid())
            .AppendValue(e.Origin.Source)
            .AppendValue(e.Origin.LineNumber)
            .AppendValue(ToUtc(e.Timestamp))
            .AppendValue(ToUtc(e.Start))
            .AppendValue(ToUtc(e.End))
            .AppendValue(e.Duration is { } d ? (long?)d.TotalNanoseconds : null)
            .AppendValue(e.Action)
            .AppendValue(e.Dataset)
            .AppendValue(e.ObserverProduct)
            .AppendValue(e.SourceIp)
            .AppendValue(e.SourceUserName)
            .AppendValue(e.UserName)
            .AppendValue(url.Original)
            .AppendValue(url.Scheme)
            .AppendValue(url.Domain)
            .AppendValue(url.DomainUnicode)
            .AppendValue(url.Port)
            .AppendValue(url.Path)
            .AppendValue(url.Query)
            .AppendValue(url.RegisteredDomain)
            .AppendValue(url.TopLevelDomain)
            .AppendValue(e.Method)
            .AppendValue(e.StatusCode)
            .AppendValue(e.ResponseBytes)
            .AppendValue(e.Referrer)
            .AppendValue(e.HttpVersion)
            .AppendValue(e.MimeType)
            .AppendValue(e.UserAgent)
            .AppendValue(squid?.ResultCode)
            .AppendValue(squid?.HierarchyCode)
            .AppendValue(squid?.Peer)
            .AppendValue(e2g?.Flag)
            .AppendValue(e2g?.Reason)
            .AppendValue(e2g?.Category)
            .AppendValue(e2g?.FilterGroup)
            .AppendValue(e2g?.FilterGroupName)
            .AppendValue(e2g?.Weight)
            .AppendValue(e2g?.ClientHost)
            .AppendValue(e2g?.MessageNumber)
            .AppendValue(c?.Categories)
            .AppendValue(c?.SearchEngine)
            .AppendValue(c?.SearchTerms)
            .AppendValue(c?.SafeguardingTheme)
            .AppendValue(c?.SafeguardingSeverity)
            .AppendValue(c?.SafeguardingMatched)
            .AppendValue(a?.Roles)
            .AppendValue(a?.GroupName)
            .AppendValue(a?.FullName)
            .AppendValue(a?.Source)
            .AppendValue(a?.Confidence)
            .AppendValue(a?.UnknownUser)
            .AppendValue(a?.DeviceName)
            .AppendValue(p?.Verdict)
            .AppendValue(p?.Rule)
            .AppendValue(p?.Clause)
            .AppendValue(p?.PolicyName)
            .AppendValue(e.SourcePort)
            .AppendValue(e.SourceBytes)
            .AppendValue(e.DestinationIp)
            .AppendValue(e.DestinationPort)
            .AppendValue(e.DestinationBytes)
            .AppendValue(e.NetworkTransport)
            .AppendValue(e.Dns?.QuestionName)
            .AppendValue(e.Dns?.QuestionType)
            .AppendValue(e.Dns?.QuestionClass)
            .AppendValue(e.Dns?.HeaderFlags)
            .AppendValue(VendorJson.Write(e.Fortinet))
            .AppendValue(VendorJson.Write(e.PfSense))
            .AppendValue(e.Finding is { } f ? Core.Ecs.FindingJson.Serialize(f) : null)
            .AppendValue(e.Organization?.Id)
            .AppendValue(e.Organization?.Name)
            .AppendValue(ToUtc(e.Ingested))
            .AppendValue(c?.SafeguardingLayer)
            .AppendValue(c?.SafeguardingScore)
            .AppendValue(c?.SafeguardingEvidence)
            .EndRow();
    }

    private static DateTime? ToUtc(Instant? instant) => instant?.ToDateTimeUtc();
}
