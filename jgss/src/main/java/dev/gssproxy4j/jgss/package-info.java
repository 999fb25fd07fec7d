/**
 * Java applications on the GSS-Proxy daemon: {@link dev.gssproxy4j.jgss.GssProxyAgent} (the {@code -javaagent}),
 * {@link dev.gssproxy4j.jgss.GssProxyProvider} (the {@code java.security.Provider}),
 * {@link dev.gssproxy4j.jgss.GssProxyManager} (for programs that build their own {@code GSSManager}) and their
 * {@link dev.gssproxy4j.jgss.GssProxySettings}. Packages point one way: {@code provider} (the JDK SPI, which the JDK
 * instantiates by the class name this package registers) uses this one and {@code gss}; this one uses {@code gss}
 * (GSS-API over the client module) and never the SPI classes, so it loads without the SPI exported.
 */
package dev.gssproxy4j.jgss;
