/**
 * The GSS-Proxy protocol (ONC RPC program 400112 version 1, upstream {@code x-files/gss_proxy.x}): every
 * {@code gssx_*} type as an immutable record with its XDR codec, the {@link dev.gssproxy4j.protocol.Procedure}
 * table, and {@link dev.gssproxy4j.protocol.GssProxyMessages} for whole records.
 *
 * <p>Conventions, all taken from what real peers put on the wire (see {@code shared/wire/README.md}):
 * <ul>
 *   <li>Record components are declared in wire order; decoders name every field by its {@code .x} name so that an
 *       error reads like {@code gssx_arg_accept_sec_context.cred_handle.elements[0].MN.display_name}.</li>
 *   <li>{@code gssx_OID} is an {@link dev.gssproxy4j.xdr.Opaque} holding DER content bytes (no tag, no length);
 *       empty means GSS_C_NO_OID. {@link dev.gssproxy4j.protocol.Oids} converts and names them.</li>
 *   <li>{@code gssx_time}, {@code gssx_uint64} and {@code gssx_qop} are {@code long}s holding the unsigned bit
 *       pattern.</li>
 *   <li>Typed holes ({@code options}, {@code extensions}) are kept verbatim, trailing NULs included;
 *       {@link dev.gssproxy4j.protocol.Options} and {@link dev.gssproxy4j.protocol.GssxOption} hide the NULs.</li>
 * </ul>
 * Sub-packages: {@code proc} (the {@code gssx_arg_*}/{@code gssx_res_*} records of the 15 procedures) and
 * {@code dump} (human-readable wire dumper and round-trip checker).
 */
package dev.gssproxy4j.protocol;
