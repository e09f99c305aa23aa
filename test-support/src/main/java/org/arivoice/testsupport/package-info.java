/**
 * The project's own test helpers: {@link org.arivoice.testsupport.Timeouts} (every test wait bound, scaled from
 * one place), {@link org.arivoice.testsupport.HangGuard} and Awaitility's default bound. Not published.
 */
package org.arivoice.testsupport;
