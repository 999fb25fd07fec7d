/**
 * Throwaway Kerberos realms for tests and the daemon's demo mode, modelled on MIT krb5's {@code k5test.py}:
 * {@link dev.gssproxy4j.testkit.Realms#kerby()} (embedded Apache Kerby KDC, in-process, aes-sha1) and
 * {@link dev.gssproxy4j.testkit.Realms#mit()} (Debian's {@code krb5kdc} as a child process, RFC 8009 enctypes and
 * S4U2Self), both described by {@link dev.gssproxy4j.testkit.Realm}; plus
 * {@link dev.gssproxy4j.testkit.ChildProcess} to run MIT tools, sample programs and upstream gssproxy against them.
 * Nothing here depends on the mech module.
 */
package dev.gssproxy4j.testkit;
