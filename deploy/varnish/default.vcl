vcl 4.1;
# Varnish in front of the app servers: anonymous page views and API GETs from memory.
#
# Django decides what may be shared (core/http_cache.py) and says so with
# `Cache-Control: public, max-age=0, s-maxage=N` on those responses only; this file caches
# nothing else and never guesses. Invalidation comes from the site: on every content change
# wagtail.contrib.frontend_cache sends `PURGE <path>` to each address in VARNISH_URLS, and
# everything below that path is banned (the site sends "/": a publish changes listings,
# feeds and API lists on many URLs).
#
#   varnishd -a :80 -f deploy/varnish/default.vcl -s malloc,512m
#
# The backend below is the load balancer or app server; tests/ops rewrites its port.

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .first_byte_timeout = 35s;   # a stuck request gets a 503 from Varnish, not a hung page
}

# Who may PURGE: the app servers. Add their addresses in production.
acl invalidators {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ invalidators) {
            return (synth(403, "Forbidden"));
        }
        # By prefix, on the object's own URL (obj.http.X-Url) so the ban lurker can clean up.
        ban("obj.http.X-Url ~ ^" + req.url);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors, previews, writes and counted searches always reach Django.
    if (req.url ~ "^/(admin|feedback|kommentarer|documents|healthz)(/|$)"
        || req.url ~ "^/api/v3/(site/preview|search)/"
        || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)sessionid="
        || req.url ~ "[?&](feedback|kommentar)=") {
        return (pass);
    }
    # The API follows Accept-Language (vcl_hash); a language cookie would change it too.
    if (req.url ~ "^/api/" && req.http.Cookie ~ "(^|;\s*)django_language=") {
        return (pass);
    }
    # Anonymous pages are the same for everyone: other cookies (analytics, csrftoken) do not
    # split the cache.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    if (req.url ~ "^/api/") {
        hash_data(req.http.Accept-Language);
    }
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control ~ "s-maxage=[0-9]+" && !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Cache-Control, ".*s-maxage=([0-9]+).*", "\1") + "s", 0s);
        set beresp.grace = 0s;   # after a purge or expiry nobody gets the old page
        set beresp.http.X-Url = bereq.url;
        return (deliver);
    }
    # Anything Django did not mark: never cached, and not waited for by other requests.
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Frontend-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Frontend-Cache = "HIT";
    } else {
        set resp.http.X-Frontend-Cache = "MISS";
    }
    unset resp.http.X-Url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
