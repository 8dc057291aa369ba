/**
 * The cookie session store: the whole session in one encrypted or Flask-signed cookie, and
 * its (package-private) codecs.
 */
@NullMarked
package dev.flagon.session.cookie;

import org.jspecify.annotations.NullMarked;
