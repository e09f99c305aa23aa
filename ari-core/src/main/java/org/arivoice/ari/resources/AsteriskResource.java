package org.arivoice.ari.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Objects;
import org.arivoice.ari.AriFuture;
import org.arivoice.ari.internal.http.AriRequest;
import org.arivoice.ari.internal.http.AriTransport;
import org.arivoice.ari.internal.json.AriJson;
import org.arivoice.ari.model.AsteriskInfo;
import org.arivoice.ari.model.AsteriskPing;
import org.arivoice.ari.model.ConfigTuple;
import org.arivoice.ari.model.LogChannel;
import org.arivoice.ari.model.Module;
import org.arivoice.ari.model.Variable;

/**
 * The {@code /asterisk} operations of ARI: system information, modules, logging, global variables and
 * dynamic (sorcery) configuration. Obtain it from {@link org.arivoice.ari.AriClient#asterisk()}.
 *
 * <p>Conventions as in {@link ChannelsResource}.
 */
public final class AsteriskResource {
    private final AriTransport transport;

    /**
     * Creates the resource over a transport. Applications use {@link org.arivoice.ari.AriClient#asterisk()}.
     *
     * @param transport the client's transport
     */
    public AsteriskResource(AriTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    private AriRequest request(String nickname, String method, String path) {
        return transport.request("asterisk." + nickname, method, path);
    }

    private AriRequest config(String nickname, String method, String configClass, String objectType, String id) {
        return request(nickname, method, "/asterisk/config/dynamic/{configClass}/{objectType}/{id}")
                .path("configClass", configClass).path("objectType", objectType).path("id", id);
    }

    /**
     * Reads a dynamic configuration object ({@code GET /asterisk/config/dynamic/{configClass}/{objectType}/{id}}).
     *
     * @param configClass the configuration class, e.g. {@code res_pjsip}
     * @param objectType the object type, e.g. {@code endpoint}
     * @param id the object id
     * @return the object's fields
     */
    public AriFuture<List<ConfigTuple>> getObject(String configClass, String objectType, String id) {
        return config("getObject", "GET", configClass, objectType, id).jsonList(ConfigTuple.class);
    }

    /**
     * Creates or updates a dynamic configuration object
     * ({@code PUT /asterisk/config/dynamic/{configClass}/{objectType}/{id}}); the fields are sent as
     * {@code {"fields":[{"attribute":...,"value":...}]}}.
     *
     * @param configClass the configuration class
     * @param objectType the object type
     * @param id the object id
     * @param fields the fields to set, or {@code null} or empty to create the object with defaults
     * @return the object's fields after the update
     */
    public AriFuture<List<ConfigTuple>> updateObject(String configClass, String objectType, String id,
            List<ConfigTuple> fields) {
        AriRequest r = config("updateObject", "PUT", configClass, objectType, id);
        if (fields != null && !fields.isEmpty()) {
            ArrayNode array = AriJson.mapper().createArrayNode();
            for (ConfigTuple f : fields) {
                array.addObject().put("attribute", f.attribute()).put("value", f.value());
            }
            r.bodyField("fields", array);
        }
        return r.jsonList(ConfigTuple.class);
    }

    /**
     * Deletes a dynamic configuration object
     * ({@code DELETE /asterisk/config/dynamic/{configClass}/{objectType}/{id}}).
     *
     * @param configClass the configuration class
     * @param objectType the object type
     * @param id the object id
     * @return completes when deleted
     */
    public AriFuture<Void> deleteObject(String configClass, String objectType, String id) {
        return config("deleteObject", "DELETE", configClass, objectType, id).noContent();
    }

    /**
     * Asterisk's build, system, configuration and status information ({@code GET /asterisk/info}).
     *
     * @return all sections
     */
    public AriFuture<AsteriskInfo> getInfo() {
        return getInfo(null);
    }

    /**
     * Selected sections of Asterisk's information ({@code GET /asterisk/info?only=...}).
     *
     * @param only the sections: {@code build}, {@code system}, {@code config}, {@code status}; {@code null}
     *        for all
     * @return the requested sections (the others are {@code null})
     */
    public AriFuture<AsteriskInfo> getInfo(List<String> only) {
        return request("getInfo", "GET", "/asterisk/info").queryList("only", only).json(AsteriskInfo.class);
    }

    /**
     * Pings Asterisk ({@code GET /asterisk/ping}); a cheap liveness and credentials check.
     *
     * @return the ping answer
     */
    public AriFuture<AsteriskPing> ping() {
        return request("ping", "GET", "/asterisk/ping").json(AsteriskPing.class);
    }

    /**
     * Lists loaded modules ({@code GET /asterisk/modules}).
     *
     * @return the modules
     */
    public AriFuture<List<Module>> listModules() {
        return request("listModules", "GET", "/asterisk/modules").jsonList(Module.class);
    }

    /**
     * Gets a module ({@code GET /asterisk/modules/{moduleName}}).
     *
     * @param moduleName e.g. {@code res_ari.so}
     * @return the module
     */
    public AriFuture<Module> getModule(String moduleName) {
        return module("getModule", "GET", moduleName).json(Module.class);
    }

    /**
     * Loads a module ({@code POST /asterisk/modules/{moduleName}}).
     *
     * @param moduleName the module
     * @return completes when loaded
     */
    public AriFuture<Void> loadModule(String moduleName) {
        return module("loadModule", "POST", moduleName).noContent();
    }

    /**
     * Unloads a module ({@code DELETE /asterisk/modules/{moduleName}}).
     *
     * @param moduleName the module
     * @return completes when unloaded
     */
    public AriFuture<Void> unloadModule(String moduleName) {
        return module("unloadModule", "DELETE", moduleName).noContent();
    }

    /**
     * Reloads a module ({@code PUT /asterisk/modules/{moduleName}}).
     *
     * @param moduleName the module
     * @return completes when reloaded
     */
    public AriFuture<Void> reloadModule(String moduleName) {
        return module("reloadModule", "PUT", moduleName).noContent();
    }

    private AriRequest module(String nickname, String method, String moduleName) {
        return request(nickname, method, "/asterisk/modules/{moduleName}").path("moduleName", moduleName);
    }

    /**
     * Lists log channels ({@code GET /asterisk/logging}).
     *
     * @return the log channels
     */
    public AriFuture<List<LogChannel>> listLogChannels() {
        return request("listLogChannels", "GET", "/asterisk/logging").jsonList(LogChannel.class);
    }

    /**
     * Adds a log channel ({@code POST /asterisk/logging/{logChannelName}}).
     *
     * @param logChannelName the log channel (file) name
     * @param configuration the levels, e.g. {@code notice,warning,error}
     * @return completes when added
     */
    public AriFuture<Void> addLog(String logChannelName, String configuration) {
        return request("addLog", "POST", "/asterisk/logging/{logChannelName}")
                .path("logChannelName", logChannelName)
                .query("configuration", Objects.requireNonNull(configuration, "configuration"))
                .noContent();
    }

    /**
     * Deletes a log channel ({@code DELETE /asterisk/logging/{logChannelName}}).
     *
     * @param logChannelName the log channel
     * @return completes when deleted
     */
    public AriFuture<Void> deleteLog(String logChannelName) {
        return request("deleteLog", "DELETE", "/asterisk/logging/{logChannelName}")
                .path("logChannelName", logChannelName).noContent();
    }

    /**
     * Rotates a log channel ({@code PUT /asterisk/logging/{logChannelName}/rotate}).
     *
     * @param logChannelName the log channel
     * @return completes when rotated
     */
    public AriFuture<Void> rotateLog(String logChannelName) {
        return request("rotateLog", "PUT", "/asterisk/logging/{logChannelName}/rotate")
                .path("logChannelName", logChannelName).noContent();
    }

    /**
     * Reads a global variable or dialplan function ({@code GET /asterisk/variable}).
     *
     * @param variable the name
     * @return the value
     */
    public AriFuture<Variable> getGlobalVariable(String variable) {
        return request("getGlobalVar", "GET", "/asterisk/variable")
                .query("variable", Objects.requireNonNull(variable, "variable")).json(Variable.class);
    }

    /**
     * Sets a global variable ({@code POST /asterisk/variable}).
     *
     * @param variable the name
     * @param value the value, or {@code null} to unset it
     * @return completes when set
     */
    public AriFuture<Void> setGlobalVariable(String variable, String value) {
        return request("setGlobalVar", "POST", "/asterisk/variable")
                .query("variable", Objects.requireNonNull(variable, "variable"))
                .query("value", value)
                .noContent();
    }
}
