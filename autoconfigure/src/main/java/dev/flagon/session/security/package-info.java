/**
 * Session value types for Spring Security's session-stored objects.
 */
@NullMarked
package dev.flagon.session.security;

import org.jspecify.annotations.NullMarked;
