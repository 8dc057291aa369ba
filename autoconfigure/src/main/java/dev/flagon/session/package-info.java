/**
 * Sessions: the session object, the {@code SessionStore} SPI, and the value policy and codecs that stores share.
 */
@NullMarked
package dev.flagon.session;

import org.jspecify.annotations.NullMarked;
