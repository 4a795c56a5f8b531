package io.trainyard.engine.ui;

import io.trainyard.api.TrainyardException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * Who may use the dashboard. On the loopback address, only requests naming it as their host (a page elsewhere
 * cannot reach the dashboard by pointing a name of its own at 127.0.0.1: DNS rebinding). Beyond loopback, only
 * requests that carry the token set in {@code TRAINYARD_UI_TOKEN}, never given on a command line. Edits only when
 * the dashboard was started with them, and only from its own pages: a request that changes something must carry a
 * header that another site's page cannot send without the browser asking first, and an Origin, when given, of the
 * dashboard itself.
 */
final class Access {

    /** The environment variable that holds the token. */
    static final String TOKEN_VARIABLE = "TRAINYARD_UI_TOKEN";
    /** The cookie the login page sets. */
    static final String COOKIE = "trainyard_ui";
    /** The header the dashboard's own script sends with an edit. */
    static final String EDIT_HEADER = "X-Trainyard-Edit";

    private static final int MIN_TOKEN = 16;

    private final byte[] token;
    private final Set<String> hosts;
    private final boolean edits;

    private Access(byte[] token, Set<String> hosts, boolean edits) {
        this.token = token;
        this.hosts = hosts;
        this.edits = edits;
    }

    /**
     * The rules for a dashboard bound to {@code address}, refusing a non-loopback address without a token.
     *
     * @param token the token, or null when none is set
     */
    static Access of(InetAddress address, int port, String token, boolean edits) {
        if (token != null && token.length() < MIN_TOKEN) {
            throw new TrainyardException(TOKEN_VARIABLE + " is " + token.length() + " characters long; make it "
                    + MIN_TOKEN + " or more (for example: openssl rand -hex 24)");
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw new TrainyardException("--bind " + address.getHostAddress() + " serves the store beyond this"
                    + " machine; set " + TOKEN_VARIABLE + " to a secret of " + MIN_TOKEN + " characters or more to"
                    + " require it, or leave --bind out to serve on 127.0.0.1 alone");
        }
        Set<String> hosts = address.isLoopbackAddress() ? Set.copyOf(List.of("127.0.0.1:" + port,
                "localhost:" + port, "[::1]:" + port)) : null;
        return new Access(token == null ? null : token.getBytes(StandardCharsets.UTF_8), hosts, edits);
    }

    boolean tokenRequired() {
        return token != null;
    }

    /** Whether the Host header names this dashboard (always, off loopback, where the token guards it). */
    boolean knownHost(String host) {
        return hosts == null || host != null && hosts.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the request proves it knows the token, by cookie or bearer header; true when none is needed. */
    boolean authorized(List<String> cookies, String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization != null && authorization.startsWith("Bearer ") && matches(authorization.substring(7))) {
            return true;
        }
        for (String header : cookies) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(COOKIE) && matches(pair[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Compares in constant time, so that response times do not leak how much of a guess was right. */
    boolean matches(String candidate) {
        return token != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Why an edit is refused, or null when it may go ahead.
     *
     * @param origin the request's Origin header, or null
     * @param host its Host header
     */
    String refuseEdit(String editHeader, String origin, String host) {
        if (!edits) {
            return "the dashboard is read-only; start it with 'trainyard ui --allow-edits' to edit tags and notes";
        }
        if (!"1".equals(editHeader) || origin != null && !origin.equals("http://" + host)) {
            return "edits come from the dashboard's own pages only";
        }
        return null;
    }

    /** The cookie that carries the token after a login: for this dashboard's pages only, never read by scripts. */
    String cookie() {
        return COOKIE + "=" + new String(token, StandardCharsets.UTF_8) + "; Path=/; HttpOnly; SameSite=Strict";
    }
}
