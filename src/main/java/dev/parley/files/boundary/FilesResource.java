package dev.parley.files.boundary;

import dev.parley.files.control.FileStore;
import dev.parley.files.control.FileUploads;
import dev.parley.files.entity.FileList;
import dev.parley.files.entity.Uploaded;
import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * PDF files as context of a chat session: upload, list, delete.
 *
 * <pre>
 * curl -X POST -H "Authorization: Bearer $TOKEN" -F "file=@document.pdf" \
 *   http://localhost:7001/api/chat/sessions/123/upload
 * curl -H "Authorization: Bearer $TOKEN" http://localhost:7001/api/chat/sessions/123/files
 * curl -X DELETE -H "Authorization: Bearer $TOKEN" http://localhost:7001/api/chat/sessions/123/files/1
 * </pre>
 */
@Path("/api/chat/sessions")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {

  static final String FILE_REQUIRED =
      "a multipart form field named 'file' with the PDF is required";

  @Inject CurrentUser currentUser;
  @Inject FileUploads uploads;
  @Inject FileStore files;

  /**
   * Uploads a PDF (form field {@code file}); its text becomes context of the session's later chats.
   */
  @POST
  @Path("/{session_id}/upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @UploadLimit.Bound
  public Uploaded upload(
      @PathParam("session_id") String sessionId, @FormParam("file") EntityPart file) {
    long id = Params.id("session_id", sessionId);
    if (file == null) {
      throw new BadRequest(FILE_REQUIRED);
    }
    try (InputStream content = file.getContent()) {
      return uploads.upload(currentUser.caller(), id, file.getFileName().orElse(null), content);
    } catch (IOException e) {
      throw new Unprocessable("the upload could not be read completely", e);
    }
  }

  /** The session's files, without their text. */
  @GET
  @Path("/{session_id}/files")
  public FileList list(@PathParam("session_id") String sessionId) {
    return files.list(currentUser.caller(), Params.id("session_id", sessionId));
  }

  @DELETE
  @Path("/{session_id}/files/{file_id}")
  public Deleted delete(
      @PathParam("session_id") String sessionId, @PathParam("file_id") String fileId) {
    files.delete(
        currentUser.caller(), Params.id("session_id", sessionId), Params.id("file_id", fileId));
    return new Deleted("File deleted successfully");
  }
}
