/**
 * The JDK mechanism SPI ({@code sun.security.jgss.spi}) over {@code dev.gssproxy4j.jgss.gss}: the krb5
 * {@code MechanismFactory} the JDK instantiates from {@code GssProxyProvider}'s registration, its name, credential
 * and context elements, and the routing between the daemon and the JDK's own krb5. Compiled and run with the SPI
 * exported (the agent grants it).
 */
package dev.gssproxy4j.jgss.provider;
