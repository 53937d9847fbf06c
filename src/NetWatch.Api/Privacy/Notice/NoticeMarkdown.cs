using System.Text;

namespace NetWatch.Api.Privacy.Notice;

/// <summary>The notice as Markdown (every text escaped, so a name or clause can neither break a table nor become markup).</summary>
public static class NoticeMarkdown
{
    public static string Render(NoticeDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(MarkdownText.Escape(document.Title));
        foreach (var block in document.Blocks)
        {
            sb.AppendLine();
            switch (block)
            {
                case NoticeHeading h: sb.Append("## ").AppendLine(MarkdownText.Escape(h.Text)); break;
                case NoticeParagraph p: sb.AppendLine(MarkdownText.Escape(p.Text)); break;
                case NoticeList l:
                    foreach (var item in l.Items) sb.Append("- ").AppendLine(MarkdownText.Escape(item));
                    break;
                case NoticeTable t:
                    sb.AppendLine(MarkdownText.Escape(t.Caption) + ":");
                    sb.AppendLine();
                    sb.AppendLine("| " + string.Join(" | ", t.Headers.Select(MarkdownText.Escape)) + " |");
                    sb.AppendLine("|" + string.Concat(t.Headers.Select(_ => "---|")));
                    foreach (var row in t.Rows) sb.AppendLine("| " + string.Join(" | ", row.Select(MarkdownText.Escape)) + " |");
                    break;
            }
        }
        return sb.ToString();
    }
}
