package dev.flagon.demo;

import org.springframework.web.util.HtmlUtils;

/**
 * A tiny HTML layout for the demo's pages, so that the demo needs no template engine.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class Page {

	private static final String LAYOUT = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>%s · Flagon demo</title>
			<style>
			  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d2330; }
			  header { background: #1d2330; color: #fff; padding: .8rem 1.5rem; display: flex; gap: 1.2rem;
			           align-items: baseline; flex-wrap: wrap; }
			  header strong { font-size: 1.1rem; margin-right: 1rem; }
			  header a { color: #c9d4ff; text-decoration: none; }
			  main { max-width: 36rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem;
			         border-radius: 8px; box-shadow: 0 1px 4px rgba(0, 0, 0, .08); }
			  h1 { margin-top: 0; font-size: 1.5rem; }
			  label { display: block; margin-bottom: .4rem; font-weight: 600; }
			  input[type=text] { width: 100%%; padding: .5rem; font-size: 1rem; box-sizing: border-box;
			                     border: 1px solid #b8bfcc; border-radius: 4px; }
			  button { margin-top: 1rem; padding: .5rem 1.2rem; font-size: 1rem; border: 0; border-radius: 4px;
			           background: #3451d1; color: #fff; cursor: pointer; }
			  .error { color: #b3261e; }
			  code { background: #eef0f4; padding: .1rem .3rem; border-radius: 3px; }
			  footer { text-align: center; color: #6b7280; font-size: .85rem; }
			</style>
			</head>
			<body>
			<header><strong>Flagon demo</strong>
			<a href="/index">app01 index</a> <a href="/counter">counter</a> <a href="/whoami">whoami</a>
			<a href="/app02/">app02</a> <a href="/app03/">app03</a> <a href="/actuator/flagon">apps</a></header>
			<main>
			%s
			</main>
			<footer><p>Served by <code>%s</code></p></footer>
			</body>
			</html>
			""";

	private Page() {
	}

	/**
	 * Render a page.
	 * @param title the page's title, escaped here
	 * @param body the page's body, already HTML
	 * @param app the name of the application serving the page, escaped here
	 * @return the page
	 */
	public static String render(String title, String body, String app) {
		return LAYOUT.formatted(escape(title), body, escape(app));
	}

	/**
	 * Escape text for HTML.
	 * @param text the text
	 * @return the escaped text
	 */
	public static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
