package io.innoleap.scheduler.mail;

/** The one HTML shell for emails and pages: inline styles only, no external resources (nothing leaks the URL). */
final class Layout {
    private Layout() {
    }

    static String document(String title, String body, boolean page) {
        StringBuilder sb = new StringBuilder(1024 + body.length());
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">");
        if (page) {
            sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
              .append("<meta name=\"referrer\" content=\"no-referrer\">")
              .append("<meta name=\"robots\" content=\"noindex, nofollow\">");
        }
        sb.append("<title>").append(Html.escape(title)).append("</title></head>\n")
          .append("<body style=\"font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:640px;margin:24px auto;padding:0 16px;line-height:1.5\">\n")
          .append(body)
          .append("\n</body></html>\n");
        return sb.toString();
    }

    static String row(String label, String escapedValue) {
        return "<tr><th style=\"text-align:left;padding:4px 12px 4px 0;vertical-align:top\">" + Html.escape(label)
                + "</th><td style=\"padding:4px 0\">" + escapedValue + "</td></tr>\n";
    }

    /** One-line subject: header injection is impossible when there is no line break to inject. */
    static String subject(String raw) {
        String s = raw.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
