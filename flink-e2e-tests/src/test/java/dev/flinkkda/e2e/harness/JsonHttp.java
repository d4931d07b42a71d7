package dev.flinkkda.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One JSON request/response exchange of the harness's HTTP clients, with errors that say which. */
final class JsonHttp {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonHttp() {}

    /**
     * Sends {@code request} and returns its JSON answer (an empty object for an empty body).
     *
     * @param what names the exchange in errors, e.g. {@code "GET http://…/overview"}
     * @throws IllegalStateException if it fails, is not 2xx, or does not answer JSON
     */
    static JsonNode exchange(HttpClient http, HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    what + " -> HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty()
                    ? MAPPER.createObjectNode()
                    : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " answered no JSON: " + response.body(), e);
        }
    }
}
