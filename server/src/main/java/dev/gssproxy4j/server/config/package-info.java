/**
 * The daemon's configuration: reads upstream gssproxy's {@code gssproxy.conf} and {@code conf.d}-style snippets with
 * the same syntax and semantics, and decides which service a caller uses.
 *
 * <p>The pipeline follows STYLE rule 6 (parse, then typed immutable values, then a separate validation pass across
 * entries; the caller swaps the whole {@link dev.gssproxy4j.server.config.GssProxyConfig} atomically):
 * <ol>
 *   <li>{@code IniParser} turns one file into sections (ding-libs ini_config syntax, duplicates merged within the
 *       file), {@code ConfigSources} adds the {@code NN-*.conf} snippets of the config directory (first definition of
 *       a section wins across files);</li>
 *   <li>{@code GlobalSectionParser} and {@code ServiceSectionParser} convert the text into
 *       {@link dev.gssproxy4j.server.config.GssProxyConfig} and {@link dev.gssproxy4j.server.config.ServiceConfig}
 *       using the option table {@link dev.gssproxy4j.server.config.ConfigOption};</li>
 *   <li>{@link dev.gssproxy4j.server.config.ConfigValidator} checks what needs several entries at once (upstream's
 *       {@code check_services});</li>
 *   <li>{@link dev.gssproxy4j.server.config.ConfigLoader} runs the three and throws one
 *       {@link dev.gssproxy4j.server.config.ConfigException} listing every error with file and line.</li>
 * </ol>
 * At run time {@link dev.gssproxy4j.server.config.ServiceMatcher} picks the service for a
 * {@link dev.gssproxy4j.server.config.Caller} and {@link dev.gssproxy4j.server.config.CredStoreTemplate} expands
 * {@code %U}/{@code %u} in cred_store values; {@link dev.gssproxy4j.server.config.ConfigExplainer} renders all of
 * it for {@code gssproxy4j check-config}.
 */
package dev.gssproxy4j.server.config;
