package dev.gssproxy4j.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Wire metadata for a record component, read by the dumper. Without it a component is shown under the snake_case
 * form of its Java name (e.g. {@code exportedContextToken} as {@code exported_context_token}, which is the
 * {@code gss_proxy.x} name) in the {@link Display#DEFAULT} way.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface WireField {

    /** How to show the value (for lists and optionals: each element). */
    Display value() default Display.DEFAULT;

    /** The {@code gss_proxy.x} name when snake_case of the Java name is not it (e.g. {@code MN}). */
    String name() default "";
}
