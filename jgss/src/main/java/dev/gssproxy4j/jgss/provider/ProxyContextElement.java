package dev.gssproxy4j.jgss.provider;

import dev.gssproxy4j.jgss.GssProxyProvider;
import dev.gssproxy4j.jgss.gss.GssErrors;
import dev.gssproxy4j.jgss.gss.ProxyContext;
import dev.gssproxy4j.jgss.gss.ProxyCredential;
import dev.gssproxy4j.jgss.gss.WireOids;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Provider;
import java.util.Arrays;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import sun.security.jgss.spi.GSSContextSpi;
import sun.security.jgss.spi.GSSCredentialSpi;
import sun.security.jgss.spi.GSSNameSpi;

/**
 * A krb5 context element ({@code GSSContextSpi}) whose work the daemon does: a {@link ProxyContext}, plus the
 * RFC 2743 token frame the JDK's {@code GSSContextImpl} takes off and puts on around a mechanism ({@link GssHeader}).
 * The stream variants read the whole input, as the byte-array ones get it.
 */
final class ProxyContextElement implements GSSContextSpi {

    private final GssProxyProvider provider;
    private final ProxyContext context;

    ProxyContextElement(GssProxyProvider provider, ProxyContext context) {
        this.provider = provider;
        this.context = context;
    }

    @Override
    public Provider getProvider() {
        return provider;
    }

    // --- requests, before the first leg

    @Override
    public void requestLifetime(int lifetime) {
        context.requestLifetime(lifetime);
    }

    @Override
    public void requestMutualAuth(boolean state) {
        context.request(ProxyContext.MUTUAL, state);
    }

    @Override
    public void requestReplayDet(boolean state) {
        context.request(ProxyContext.REPLAY, state);
    }

    @Override
    public void requestSequenceDet(boolean state) {
        context.request(ProxyContext.SEQUENCE, state);
    }

    @Override
    public void requestCredDeleg(boolean state) {
        context.request(ProxyContext.DELEG, state);
    }

    @Override
    public void requestAnonymity(boolean state) {
        context.request(ProxyContext.ANON, state);
    }

    @Override
    public void requestConf(boolean state) {
        context.request(ProxyContext.CONF, state);
    }

    @Override
    public void requestInteg(boolean state) {
        context.request(ProxyContext.INTEG, state);
    }

    @Override
    public void requestDelegPolicy(boolean state) {
        context.request(ProxyContext.DELEG_POLICY, state);
    }

    @Override
    public void setChannelBinding(ChannelBinding cb) {
        context.channelBindings(cb);
    }

    // --- state

    private boolean flag(long flag) {
        return (context.flags() & flag) != 0;
    }

    @Override
    public boolean getCredDelegState() {
        return flag(ProxyContext.DELEG);
    }

    @Override
    public boolean getMutualAuthState() {
        return flag(ProxyContext.MUTUAL);
    }

    @Override
    public boolean getReplayDetState() {
        return flag(ProxyContext.REPLAY);
    }

    @Override
    public boolean getSequenceDetState() {
        return flag(ProxyContext.SEQUENCE);
    }

    @Override
    public boolean getAnonymityState() {
        return flag(ProxyContext.ANON);
    }

    @Override
    public boolean getDelegPolicyState() {
        return flag(ProxyContext.DELEG_POLICY);
    }

    /** Whether {@link #export()} works (MIT sets GSS_C_TRANS_FLAG on krb5 contexts it can export). */
    @Override
    public boolean isTransferable() {
        return context.isEstablished() && flag(ProxyContext.TRANS);
    }

    @Override
    public boolean isProtReady() {
        return context.isProtReady();
    }

    @Override
    public boolean isInitiator() {
        return context.isInitiator();
    }

    @Override
    public boolean getConfState() {
        return flag(ProxyContext.CONF);
    }

    @Override
    public boolean getIntegState() {
        return flag(ProxyContext.INTEG);
    }

    @Override
    public int getLifetime() {
        return context.lifetime();
    }

    @Override
    public boolean isEstablished() {
        return context.isEstablished();
    }

    @Override
    public GSSNameSpi getSrcName() throws GSSException {
        return ProxyNameElement.of(provider, context.srcName());
    }

    @Override
    public GSSNameSpi getTargName() throws GSSException {
        return ProxyNameElement.of(provider, context.targName());
    }

    @Override
    public Oid getMech() {
        return WireOids.KRB5;
    }

    @Override
    public GSSCredentialSpi getDelegCred() {
        ProxyCredential delegated = context.delegatedCredential();
        return delegated == null ? null : new ProxyCredElement(provider, delegated);
    }

    // --- establishment

    /**
     * @param mechTokenSize the length of the token after the frame the JDK took off, or -1 on the first leg (no
     *                      input)
     */
    @Override
    public byte[] initSecContext(InputStream is, int mechTokenSize) throws GSSException {
        byte[] input = mechTokenSize < 0 ? null : GssHeader.frame(WireOids.KRB5, read(is, mechTokenSize));
        return unframed(context.initSecContext(input));
    }

    @Override
    public byte[] acceptSecContext(InputStream is, int mechTokenSize) throws GSSException {
        if (mechTokenSize < 0) {
            throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "acceptSecContext needs the initiator's token");
        }
        return unframed(context.acceptSecContext(GssHeader.frame(WireOids.KRB5, read(is, mechTokenSize))));
    }

    private static byte[] unframed(byte[] token) throws GSSException {
        return token == null ? null : GssHeader.unframe(WireOids.KRB5, token);
    }

    private static byte[] read(InputStream is, int length) throws GSSException {
        try {
            byte[] bytes = is.readNBytes(length);
            if (bytes.length != length) {
                throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "the token ends after " + bytes.length
                        + " of the " + length + " bytes its frame announces");
            }
            return bytes;
        } catch (IOException e) {
            throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "cannot read the token: " + e.getMessage());
        }
    }

    private static byte[] readAll(InputStream is) throws GSSException {
        try {
            return is.readAllBytes();
        } catch (IOException e) {
            throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "cannot read the input: " + e.getMessage());
        }
    }

    private static void write(OutputStream os, byte[] bytes) throws GSSException {
        try {
            os.write(bytes);
        } catch (IOException e) {
            throw GssErrors.local(GSSException.FAILURE, "cannot write the output: " + e.getMessage());
        }
    }

    // --- per-message calls, done by the daemon

    @Override
    public int getWrapSizeLimit(int qop, boolean confReq, int maxTokSize) throws GSSException {
        return context.wrapSizeLimit(qop, confReq, maxTokSize);
    }

    @Override
    public void wrap(InputStream is, OutputStream os, MessageProp msgProp) throws GSSException {
        write(os, context.wrap(readAll(is), msgProp));
    }

    @Override
    public byte[] wrap(byte[] inBuf, int offset, int len, MessageProp msgProp) throws GSSException {
        return context.wrap(Arrays.copyOfRange(inBuf, offset, offset + len), msgProp);
    }

    @Override
    public void unwrap(InputStream is, OutputStream os, MessageProp msgProp) throws GSSException {
        write(os, context.unwrap(readAll(is), msgProp));
    }

    @Override
    public byte[] unwrap(byte[] inBuf, int offset, int len, MessageProp msgProp) throws GSSException {
        return context.unwrap(Arrays.copyOfRange(inBuf, offset, offset + len), msgProp);
    }

    @Override
    public void getMIC(InputStream is, OutputStream os, MessageProp msgProp) throws GSSException {
        write(os, context.getMic(readAll(is), msgProp));
    }

    @Override
    public byte[] getMIC(byte[] inMsg, int offset, int len, MessageProp msgProp) throws GSSException {
        return context.getMic(Arrays.copyOfRange(inMsg, offset, offset + len), msgProp);
    }

    @Override
    public void verifyMIC(InputStream is, InputStream msgStr, MessageProp mProp) throws GSSException {
        context.verifyMic(readAll(is), readAll(msgStr), mProp);
    }

    @Override
    public void verifyMIC(byte[] inTok, int tokOffset, int tokLen, byte[] inMsg, int msgOffset, int msgLen,
                          MessageProp msgProp) throws GSSException {
        context.verifyMic(Arrays.copyOfRange(inTok, tokOffset, tokOffset + tokLen),
                Arrays.copyOfRange(inMsg, msgOffset, msgOffset + msgLen), msgProp);
    }

    @Override
    public byte[] export() throws GSSException {
        return context.export();
    }

    @Override
    public void dispose() throws GSSException {
        context.dispose();
    }

    /**
     * {@code ExtendedGSSContext.inquireSecContext}: nothing, on purpose. The JDK's krb5 answers with the session
     * key, ticket flags and authorization data from inside the JVM; here they never leave the daemon.
     */
    @Override
    public Object inquireSecContext(String type) throws GSSException {
        throw GssErrors.local(GSSException.UNAVAILABLE, type + " is not available through gssproxy: the session key"
                + " and ticket stay in the daemon");
    }
}
