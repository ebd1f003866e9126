"""Running the site in production: health endpoint, friendly 503 when a backing service is
down, security headers (Content-Security-Policy), read-replica routing, JSON logs."""
