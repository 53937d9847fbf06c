using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>
/// A file's identity as "device:inode", read with libc's <c>stat</c>/<c>fstat</c> (.NET has no API for the inode).
/// A rename keeps it, a new file gets a new one, so rotation by rename is told apart from growth. st_dev and
/// st_ino are the first two 64-bit fields of struct stat on both x86-64 and arm64 glibc, which is all this reads.
/// Where libc is not there (not Linux) identity is null and the tailer falls back on the content fingerprint.
/// </summary>
public static partial class FileIdentity
{
    private const int StatBufferSize = 256; // struct stat is 144 bytes on x86-64, 128 on arm64

    [LibraryImport("libc.so.6", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, [Out] byte[] buffer);

    [LibraryImport("libc.so.6", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);

    public static string? Of(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var buffer = new byte[StatBufferSize];
            return FStat((int)handle.DangerousGetHandle(), buffer) == 0 ? Format(buffer) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return null; }
        finally { if (added) handle.DangerousRelease(); }
    }

    /// <summary>The identity of the file at a path, or null when there is none.</summary>
    public static string? OfPath(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var buffer = new byte[StatBufferSize];
            return Stat(path, buffer) == 0 ? Format(buffer) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return null; }
    }

    private static string Format(byte[] stat) =>
        $"{BitConverter.ToUInt64(stat, 0)}:{BitConverter.ToUInt64(stat, 8)}";
}
