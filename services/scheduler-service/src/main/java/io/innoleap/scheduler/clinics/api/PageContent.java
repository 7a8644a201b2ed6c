package io.innoleap.scheduler.clinics.api;

/** A confirmation-flow HTML page and the status to serve it with (text/html; charset=UTF-8). */
public record PageContent(int status, String title, String html) {
    @Override
    public String toString() {
        return "PageContent[status=" + status + ", title=" + title + "]";
    }
}
