using System.Text;
using System.Text.Encodings.Web;

namespace NetWatch.Api.Privacy.Notice;

/// <summary>
/// The notice as one accessible HTML page: a language, a title, one h1 then h2 sections, tables with a caption and
/// column headers (<c>th scope="col"</c>), no script and no style (the API's CSP allows neither); every text HTML-encoded.
/// </summary>
public static class NoticeHtml
{
    public static string Render(NoticeDocument document)
    {
        var e = HtmlEncoder.Default;
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>");
        sb.AppendLine("<html lang=\"en-GB\">");
        sb.AppendLine("<head>");
        sb.AppendLine("<meta charset=\"utf-8\">");
        sb.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.AppendLine($"<title>{e.Encode(document.Title)}</title>");
        sb.AppendLine("</head>");
        sb.AppendLine("<body>");
        sb.AppendLine("<main>");
        sb.AppendLine($"<h1>{e.Encode(document.Title)}</h1>");
        var open = false;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case NoticeHeading h:
                    if (open) sb.AppendLine("</section>");
                    sb.AppendLine("<section>");
                    sb.AppendLine($"<h2>{e.Encode(h.Text)}</h2>");
                    open = true;
                    break;
                case NoticeParagraph p: sb.AppendLine($"<p>{e.Encode(p.Text)}</p>"); break;
                case NoticeList l:
                    sb.AppendLine("<ul>");
                    foreach (var item in l.Items) sb.AppendLine($"<li>{e.Encode(item)}</li>");
                    sb.AppendLine("</ul>");
                    break;
                case NoticeTable t:
                    sb.AppendLine("<table>");
                    sb.AppendLine($"<caption>{e.Encode(t.Caption)}</caption>");
                    sb.AppendLine("<thead><tr>" + string.Concat(t.Headers.Select(x => $"<th scope=\"col\">{e.Encode(x)}</th>")) + "</tr></thead>");
                    sb.AppendLine("<tbody>");
                    foreach (var row in t.Rows) sb.AppendLine("<tr>" + string.Concat(row.Select(x => $"<td>{e.Encode(x)}</td>")) + "</tr>");
                    sb.AppendLine("</tbody>");
                    sb.AppendLine("</table>");
                    break;
            }
        }
        if (open) sb.AppendLine("</section>");
        sb.AppendLine("</main>");
        sb.AppendLine("</body>");
        sb.AppendLine("</html>");
        return sb.ToString();
    }
}
