using System.IO.Compression;
using NetWatch.Core.Events;
using NetWatch.Storage;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary><c>netwatch subject-access</c>: one person's records and nobody else's, in a zip, and the export is audited.</summary>
public sealed class SubjectAccessCommandTests
{
    [Fact]
    public async Task The_zip_holds_every_record_of_the_person_and_none_of_anybody_elses()
    {
        using var dir = new TempDirectory();
        var store = dir.File("store");
        using (var opened = DuckDbStore.Open(store))
        using (var session = opened.Writer.Begin())
        {
            await session.WriteEventsAsync(
            [
                TestEvents.Minimal(1, user: "alice"), TestEvents.Minimal(2, user: "bob"), TestEvents.Minimal(3, user: "alice"),
                TestEvents.Minimal(4, user: "alice.smith"),
            ], default);
            await session.CommitAsync(default);
        }
        var zipPath = dir.File("alice.zip");

        var run = Netwatch.Run("subject-access", "alice", "--store", store, "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("events\t2", run.Stdout);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            var events = new StreamReader(zip.GetEntry("events.ndjson")!.Open()).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, events.Length);
            Assert.All(events, e => Assert.Contains("\"user\":{\"name\":\"alice\"", e));
            var text = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.DoesNotContain("bob", text);
            Assert.DoesNotContain("alice.smith", text);
            Assert.Contains("# Data held about alice", text);
        }
        Assert.False(File.Exists(zipPath + ".partial"));
        var audit = Netwatch.Run("audit", "--store", store).Stdout;
        Assert.Contains($"\tos:{Environment.UserName}\tsubject-access\tok\t2\t-\t-\t{{\"person\":\"alice\"}}", audit);
    }
}
