package dev.flagon.dispatch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A response that runs the exchange's before-commit work (after-request hooks, saving the
 * session) at the last moment headers can still change: before the first byte of the body,
 * a flush, an error or a redirect.
 *
 * @author Flagon team
 */
final class CommitAwareResponse extends HttpServletResponseWrapper {

	private final Exchange exchange;

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	CommitAwareResponse(HttpServletResponse response, Exchange exchange) {
		super(response);
		this.exchange = exchange;
	}

	private void beforeCommit() {
		this.exchange.beforeCommit((HttpServletResponse) getResponse());
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		beforeCommit();
		super.sendError(sc, msg);
	}

	@Override
	public void sendError(int sc) throws IOException {
		beforeCommit();
		super.sendError(sc);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		beforeCommit();
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		beforeCommit();
		super.sendRedirect(location, clearBuffer);
	}

	@Override
	public void sendRedirect(String location, int sc) throws IOException {
		beforeCommit();
		super.sendRedirect(location, sc);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		beforeCommit();
		super.sendRedirect(location, sc, clearBuffer);
	}

	@Override
	public void flushBuffer() throws IOException {
		beforeCommit();
		super.flushBuffer();
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		ServletOutputStream outputStream = this.outputStream;
		if (outputStream == null) {
			outputStream = new CommitAwareOutputStream(super.getOutputStream());
			this.outputStream = outputStream;
		}
		return outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		PrintWriter writer = this.writer;
		if (writer == null) {
			writer = new PrintWriter(new CommitAwareWriter(super.getWriter()), false);
			this.writer = writer;
		}
		return writer;
	}

	private final class CommitAwareOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		CommitAwareOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			beforeCommit();
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			beforeCommit();
			this.delegate.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			beforeCommit();
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			beforeCommit();
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener writeListener) {
			this.delegate.setWriteListener(writeListener);
		}

	}

	private final class CommitAwareWriter extends Writer {

		private final Writer delegate;

		CommitAwareWriter(Writer delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int c) throws IOException {
			beforeCommit();
			this.delegate.write(c);
		}

		@Override
		public void write(char[] cbuf, int off, int len) throws IOException {
			beforeCommit();
			this.delegate.write(cbuf, off, len);
		}

		@Override
		public void write(String str, int off, int len) throws IOException {
			beforeCommit();
			this.delegate.write(str, off, len);
		}

		@Override
		public void flush() throws IOException {
			beforeCommit();
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			beforeCommit();
			this.delegate.close();
		}

	}

}
