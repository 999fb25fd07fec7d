package dev.gssproxy4j.testkit;

import java.util.List;

/**
 * The client {@code krb5.conf} both realms write. Values and why:
 * <ul>
 *   <li>{@code kdc = 127.0.0.1:port}: MIT 1.20 does not parse {@code tcp/host:port}; the same port serves TCP and
 *       UDP, and {@code udp_preference_limit = 1} makes clients try TCP first.</li>
 *   <li>DNS lookups, reverse DNS and hostname canonicalisation off, {@code localhost} mapped to the realm, so
 *       {@code HTTP@localhost} becomes {@code HTTP/localhost@REALM} on any machine.</li>
 *   <li>{@code permitted_enctypes} and the TGS/TKT lists restricted to the realm's enctypes, strongest first.</li>
 *   <li>1-day tickets, renewable for 7 days, forwardable by default (S4U2Proxy and delegation tests need it).</li>
 * </ul>
 */
record Krb5Conf(String realm, int kdcPort, List<String> enctypes) {

    Krb5Conf {
        enctypes = List.copyOf(enctypes);
    }

    String render() {
        String etypes = String.join(" ", enctypes);
        return """
                [libdefaults]
                    default_realm = %1$s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    dns_canonicalize_hostname = false
                    rdns = false
                    qualify_shortname = ""
                    udp_preference_limit = 1
                    ticket_lifetime = 24h
                    renew_lifetime = 7d
                    forwardable = true
                    permitted_enctypes = %3$s
                    default_tkt_enctypes = %3$s
                    default_tgs_enctypes = %3$s

                [realms]
                    %1$s = {
                        kdc = 127.0.0.1:%2$d
                    }

                [domain_realm]
                    localhost = %1$s
                    .localhost = %1$s
                """.formatted(realm, kdcPort, etypes);
    }
}
