using System.Diagnostics;

namespace NetWatch.Web.Tests;

/// <summary>A PDF's text by poppler's <c>pdftotext</c> (Debian's poppler-utils, installed by test.sh).</summary>
public static class PdfText
{
    private const string Program = "/usr/bin/pdftotext";

    public static string Of(string pdf)
    {
        if (!File.Exists(Program)) throw new InvalidOperationException($"{Program} is missing: install poppler-utils (./test.sh does)");
        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-enc", "UTF-8", pdf, "-" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pdftotext failed ({process.ExitCode}): {errors}");
        return text;
    }
}
