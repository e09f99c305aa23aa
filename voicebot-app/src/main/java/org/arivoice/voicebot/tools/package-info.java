/**
 * Functions the model can call during a call: the {@link org.arivoice.voicebot.tools.BotTool} interface,
 * what a tool may do to its call ({@link org.arivoice.voicebot.tools.ToolContext}), and the built-in
 * {@code end_call}, {@code transfer_call} and {@code send_dtmf}.
 */
package org.arivoice.voicebot.tools;
