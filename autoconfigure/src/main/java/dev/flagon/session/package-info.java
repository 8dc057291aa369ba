/**
 * Flask's {@code session}: the {@link dev.flagon.session.FlagonSession} object, the
 * {@link dev.flagon.session.SessionStore} SPI (where sessions live), the
 * {@link dev.flagon.session.SessionCookie} every store's sessions travel in, and the value
 * codec shared by every store.
 */
@NullMarked
package dev.flagon.session;

import org.jspecify.annotations.NullMarked;
